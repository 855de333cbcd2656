package io.cairn.meta;

import io.cairn.core.Names;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link RecoveryTest}: applies the entries of {@link #entry} at consecutive indexes from one
 * thread, as the Raft apply thread does, until the parent kills it. It never closes the database. Every
 * {@link #SYNC_EVERY} entries it syncs, printing "SYNCED index", and every fourth time takes a checkpoint instead,
 * printing "CHECKPOINT index path": each line means everything up to that index is durable.
 */
public final class CrashingWriter {
    static final int SYNC_EVERY = 50;

    private CrashingWriter() {
    }

    /** The first entry that adds a file; before it, the cluster's start and its node's registration. */
    static final long FIRST_FILE = 3;

    /** The command of the log entry at {@code index}: the cluster's start, its node, then one new file per entry. */
    static MetaCommand entry(long index) {
        if (index == 1) {
            return new MetaCommand.InitCluster("crash", TestData.AT);
        }
        if (index == 2) {
            return TestData.registerNodes().getFirst();
        }
        return TestData.commit(Names.DEFAULT_BUCKET, key(index), TestData.written(key(index), 100, "n1"));
    }

    static String key(long index) {
        return "e/" + index;
    }

    /** Arguments: the database directory, and a directory for checkpoints. */
    public static void main(String[] args) {
        MetaDatabase db = MetaDatabase.open(Path.of(args[0]));
        Path checkpoints = Path.of(args[1]);
        for (long index = 1; ; index++) {
            db.apply(1, index, CommandCodec.encode(entry(index))).getFirst().orThrow(Object.class);
            if (index % SYNC_EVERY == 0) {
                if (index % (4 * SYNC_EVERY) == 0) {
                    Path target = checkpoints.resolve("cp-" + index);
                    db.checkpoint(target);
                    System.out.println("CHECKPOINT " + index + " " + target);
                } else {
                    db.sync();
                    System.out.println("SYNCED " + index);
                }
                System.out.flush();
            }
        }
    }
}
