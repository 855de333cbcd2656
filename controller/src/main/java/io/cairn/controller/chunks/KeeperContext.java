package io.cairn.controller.chunks;

import io.cairn.controller.KeeperSettings;
import io.cairn.controller.LiveNodes;
import io.cairn.controller.MetadataCommands;
import io.cairn.controller.NodeStatus;
import io.cairn.controller.PlacementPolicy;
import io.cairn.core.NodeId;
import io.cairn.core.model.ChunkRecord;
import io.cairn.meta.MetaReader;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What every step of the chunk keeper works with. */
record KeeperContext(MetaReader reader, MetadataCommands commands, LiveNodes nodes, PlacementPolicy policy,
                     NodeChunks chunks, Clock clock, KeeperSettings settings, KeeperCounters counters,
                     long knownSince) {

    /** The member nodes now, by id. */
    Map<NodeId, NodeStatus> members() {
        return nodes.all().stream().collect(Collectors.toMap(NodeStatus::id, Function.identity()));
    }

    CopyCensus census(ChunkRecord chunk, Map<NodeId, NodeStatus> members) {
        return CopyCensus.of(chunk, members, deadBefore(), knownSince);
    }

    /**
     * A node last heard from before this instant has been unhealthy for the repair delay (it turned unhealthy a node
     * timeout after its last heartbeat): its copies are given up.
     */
    long deadBefore() {
        return clock.millis() - nodes.timeout().toMillis() - settings.repairDelay().toMillis();
    }
}
