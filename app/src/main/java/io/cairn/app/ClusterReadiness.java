package io.cairn.app;

import io.cairn.api.MetadataService;
import io.cairn.api.StatusReport;
import io.cairn.core.CairnException;
import io.cairn.http.Readiness;

/**
 * When a controller or gateway can take writes: its controller group has a leader, and enough storage nodes take new
 * chunks for the replication factor. Until then an upload would fail with INSUFFICIENT_NODES or UNAVAILABLE.
 */
final class ClusterReadiness {
    private ClusterReadiness() {
    }

    static Readiness of(MetadataService meta) {
        StatusReport status;
        try {
            status = meta.status();
        } catch (CairnException e) {
            return Readiness.waitingFor("no controller answers: " + e.getMessage());
        }
        if (status.controllers() == null || status.controllers().leader() == null) {
            return Readiness.waitingFor("the controller group has no leader yet");
        }
        if (status.status().equals("unavailable")) {
            return Readiness.waitingFor(status.healthy_nodes() + " of " + status.nodes() + " storage nodes are"
                    + " healthy; writes need " + status.replication_factor() + " that take new chunks");
        }
        return Readiness.READY;
    }
}
