package io.cairn.client;

import io.cairn.api.CommittedChunk;
import io.cairn.core.ChunkId;
import io.cairn.core.NodeId;
import java.util.ArrayList;
import java.util.List;

/**
 * A copy an upload made: the node, and the generation the node gave its file. The commit names both, so the
 * metadata can tell this file from an older one of the same chunk that a garbage collection may be deleting.
 */
record WrittenCopy(NodeId node, long generation) {

    static CommittedChunk committed(ChunkId id, int size, List<WrittenCopy> copies) {
        return new CommittedChunk(id, size, copies.stream().map(WrittenCopy::node).toList(),
                copies.stream().map(WrittenCopy::generation).toList());
    }

    static List<WrittenCopy> of(CommittedChunk chunk) {
        List<WrittenCopy> copies = new ArrayList<>(chunk.written().size());
        for (int i = 0; i < chunk.written().size(); i++) {
            copies.add(new WrittenCopy(chunk.written().get(i),
                    chunk.generations().isEmpty() ? 0 : chunk.generations().get(i)));
        }
        return copies;
    }
}
