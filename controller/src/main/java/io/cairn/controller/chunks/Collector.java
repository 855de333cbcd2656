package io.cairn.controller.chunks;

import io.cairn.core.ChunkId;
import io.cairn.core.model.ChunkRecord;
import io.cairn.meta.MetaCommand;
import java.util.ArrayList;
import java.util.List;

/**
 * Garbage collection's decisions (docs/design/0005): chunks nothing references are condemned, and collected (their
 * copies doomed) once they have stayed condemned for the grace period. Both steps are logged commands that re-check
 * at apply time that nothing references the chunk; the deletes themselves are the {@link Deleter}'s. Pages through
 * the index of unreferenced chunks. Runs on the keeper's thread.
 */
final class Collector {
    private static final int PAGE = 1000;

    private final KeeperContext ctx;

    Collector(KeeperContext ctx) {
        this.ctx = ctx;
    }

    void run() {
        long now = ctx.clock().millis();
        long condemnedBefore = now - ctx.settings().gcGrace().toMillis();
        ChunkId after = null;
        while (true) {
            List<ChunkId> page = ctx.reader().unreferenced(after, PAGE);
            if (page.isEmpty()) {
                return;
            }
            List<ChunkId> condemn = new ArrayList<>();
            List<ChunkId> collect = new ArrayList<>();
            for (ChunkRecord chunk : ctx.reader().chunks(page).values()) {
                if (chunk.condemnedAt() == 0) {
                    condemn.add(chunk.id());
                } else if (chunk.condemnedAt() <= condemnedBefore) {
                    collect.add(chunk.id());
                }
            }
            if (!condemn.isEmpty()) {
                ctx.commands().submit(new MetaCommand.CondemnChunks(condemn, now), Integer.class);
            }
            if (!collect.isEmpty()) {
                ctx.commands().submit(new MetaCommand.CollectChunks(collect, condemnedBefore), Integer.class);
            }
            if (page.size() < PAGE) {
                return;
            }
            after = page.getLast();
        }
    }
}
