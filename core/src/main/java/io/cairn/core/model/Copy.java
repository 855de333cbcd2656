package io.cairn.core.model;

import io.cairn.core.NodeId;
import java.util.Objects;

/**
 * One copy of a chunk on one node, as the metadata records it.
 *
 * @param incarnation the node's store incarnation when the copy was recorded: a copy of an older incarnation is on a
 *                    disk the node no longer has, and counts nowhere
 * @param generation  the node's stamp of the file holding the copy (0 when unknown, for copies recorded before
 *                    generations existed); a delete names it, so a newer file of the same chunk is never deleted
 */
public record Copy(NodeId node, long incarnation, long generation) {
    public Copy {
        Objects.requireNonNull(node, "node");
    }
}
