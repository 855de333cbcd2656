package io.cairn.meta;

import java.util.List;

/**
 * Feeds commands to a {@link MetaDatabase} the way the Raft state machine does: each encoded by {@link CommandCodec}
 * and applied with {@link MetaDatabase#apply} as the log entry right after the applied position, in one term. Like
 * the Raft apply thread, it never syncs. Not thread-safe: one test thread is the apply thread.
 */
final class TestLog {
    private final MetaDatabase db;
    private final long term;

    /** Appends in term 1, or in the applied term if the database already holds a later one. */
    TestLog(MetaDatabase db) {
        this(db, Math.max(1, db.applied().term()));
    }

    TestLog(MetaDatabase db, long term) {
        this.db = db;
        this.term = term;
    }

    /** Applies {@code command} as the next log entry; never null, since the entry is new to the store. */
    ApplyResult apply(MetaCommand command) {
        return db.apply(term, db.applied().index() + 1, CommandCodec.encode(command)).getFirst();
    }

    /** Applies each of {@code commands} in order, as consecutive log entries. */
    List<ApplyResult> apply(List<? extends MetaCommand> commands) {
        return commands.stream().map(this::apply).toList();
    }
}
