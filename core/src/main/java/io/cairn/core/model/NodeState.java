package io.cairn.core.model;

/** Where a storage node is in its life, as the replicated registry records it. */
public enum NodeState {
    /** Takes new chunks and serves its copies. */
    ACTIVE,
    /** Takes no new chunks; its copies are being copied elsewhere, and it serves reads meanwhile. */
    DRAINING,
    /** Gone from the cluster: its copies count nowhere; registering again makes it a new incarnation. */
    REMOVED
}
