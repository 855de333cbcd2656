package io.cairn.meta;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.model.NodeRecord;
import io.cairn.core.model.NodeState;
import java.util.Objects;

/**
 * {@link MetaCommand.RegisterNode}: a node re-registers at every start; its address may move, its age does not. A
 * node that comes back with another chunk store (an empty disk under its old id) starts a new incarnation, decided
 * here so that every controller agrees from which log position its old copies stop counting. A removed node may come
 * back only with another store (as a new incarnation), never with the one it was removed with. A store id the record
 * does not know yet (a node from before stores had one) is adopted as it is.
 */
final class RegisterNodeHandler {
    private RegisterNodeHandler() {
    }

    static NodeRecord apply(MetaCommand.RegisterNode command, Tx tx) {
        NodeRecord node = command.node();
        if (node.url() == null || node.url().isBlank()) {
            throw new CairnException(ErrorCode.INVALID_ARGUMENT, "node " + node.id() + " needs a url");
        }
        NodeRecord existing = tx.node(node.id());
        NodeRecord stored;
        if (existing == null) {
            stored = NodeRecord.fresh(node.id(), node.url(), node.registeredAt(), node.zone(), node.storeId());
        } else {
            boolean removed = existing.state() == NodeState.REMOVED;
            if (removed && (node.storeId() == null || node.storeId().equals(existing.storeId()))) {
                // Removed means given up with its disk: the same store cannot slip back in by registering again.
                throw new CairnException(ErrorCode.CONFLICT, "node " + node.id() + " was removed from the cluster; "
                        + "to join again, start it on an empty data directory");
            }
            boolean newStore = existing.storeId() != null && node.storeId() != null
                    && !Objects.equals(existing.storeId(), node.storeId());
            stored = new NodeRecord(node.id(), node.url(), existing.registeredAt(), node.zone(),
                    node.storeId() != null ? node.storeId() : existing.storeId(),
                    removed || newStore ? existing.incarnation() + 1 : existing.incarnation(),
                    removed ? NodeState.ACTIVE : existing.state());
        }
        tx.putNode(stored);
        return stored;
    }
}
