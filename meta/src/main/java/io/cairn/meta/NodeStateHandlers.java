package io.cairn.meta;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.NodeId;
import io.cairn.core.model.NodeRecord;
import io.cairn.core.model.NodeState;

/** A node's life in the registry: drained, enabled again, removed. */
final class NodeStateHandlers {
    private NodeStateHandlers() {
    }

    static NodeRecord setState(MetaCommand.SetNodeState command, Tx tx) {
        NodeRecord node = requireMember(command.node(), tx);
        if (command.state() == NodeState.REMOVED) {
            throw new CairnException(ErrorCode.INVALID_ARGUMENT, "a node is removed with RemoveNode");
        }
        NodeRecord updated = node.withState(command.state());
        tx.putNode(updated);
        return updated;
    }

    /**
     * Refused while any chunk records a copy on the node's current store, unless the node is dead: removing it would
     * make those copies count nowhere while their bytes still exist there, and drain is the way to move them first.
     */
    static NodeRecord remove(MetaCommand.RemoveNode command, Tx tx) {
        NodeRecord node = requireMember(command.node(), tx);
        if (!command.dead() && tx.storedHasCurrentCopiesOn(node)) {
            throw new CairnException(ErrorCode.CONFLICT, "node " + node.id() + " still holds copies of chunks; "
                    + "drain it first");
        }
        NodeRecord updated = node.withState(NodeState.REMOVED);
        tx.putNode(updated);
        return updated;
    }

    private static NodeRecord requireMember(NodeId id, Tx tx) {
        NodeRecord node = tx.node(id);
        if (node == null || node.state() == NodeState.REMOVED) {
            throw new CairnException(ErrorCode.NOT_FOUND, "no storage node '" + id + "' in the cluster");
        }
        return node;
    }
}
