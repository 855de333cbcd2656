package io.cairn.meta;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.model.NodeRecord;

/** {@link MetaCommand.RegisterNode}: a node re-registers at every start; its address may move, its age does not. */
final class RegisterNodeHandler {
    private RegisterNodeHandler() {
    }

    static NodeRecord apply(MetaCommand.RegisterNode command, Tx tx) {
        NodeRecord node = command.node();
        if (node.url() == null || node.url().isBlank()) {
            throw new CairnException(ErrorCode.INVALID_ARGUMENT, "node " + node.id() + " needs a url");
        }
        NodeRecord existing = tx.node(node.id());
        NodeRecord stored = existing == null ? node
                : new NodeRecord(node.id(), node.url(), existing.registeredAt(), node.zone());
        tx.putNode(stored);
        return stored;
    }
}
