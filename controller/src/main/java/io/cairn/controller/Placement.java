package io.cairn.controller;

import io.cairn.api.AllocateRequest;
import io.cairn.api.AllocateResponse;
import io.cairn.api.ChunkPlan;
import io.cairn.api.NodeAddress;
import io.cairn.core.CairnException;
import io.cairn.core.ChunkId;
import io.cairn.core.ErrorCode;
import io.cairn.core.NodeId;
import io.cairn.core.model.BucketRecord;
import io.cairn.core.model.ChunkRecord;
import io.cairn.core.model.Consistency;
import io.cairn.core.model.ChunkRef;
import io.cairn.core.model.Copy;
import io.cairn.meta.MetaReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where the chunks of an upload go: a chunk that already has its replication of live copies that count is not sent
 * again (dedup); otherwise new copies go to writable nodes chosen by the {@link PlacementPolicy}, away from the failure
 * domains of the copies it has. Reads the metadata without a read barrier: the commit re-checks what this decided.
 * Thread-safe.
 */
final class Placement {
    private final MetaReader reader;
    private final LiveNodes nodes;
    private final PlacementPolicy policy;
    private final int defaultReplication;

    Placement(MetaReader reader, LiveNodes nodes, PlacementPolicy policy, int defaultReplication) {
        this.reader = reader;
        this.nodes = nodes;
        this.policy = policy;
        this.defaultReplication = defaultReplication;
    }

    AllocateResponse allocate(AllocateRequest request) {
        int replication = replication(request.replication());
        int required = consistency(request).required(replication);
        List<NodeStatus> all = nodes.all();
        List<NodeStatus> writable = all.stream().filter(NodeStatus::writable).toList();
        if (writable.size() < replication) {
            throw new CairnException(ErrorCode.INSUFFICIENT_NODES, "replication factor " + replication + " needs "
                    + replication + " healthy storage nodes taking writes; " + writable.size() + " are");
        }
        Map<NodeId, NodeStatus> byId = all.stream().collect(Collectors.toMap(NodeStatus::id, Function.identity()));
        Map<ChunkId, ChunkRecord> known = reader.chunks(request.chunks().stream().map(ChunkRef::id).toList());
        List<ChunkPlan> plans = new ArrayList<>(request.chunks().size());
        for (ChunkRef chunk : request.chunks()) {
            ChunkRecord record = known.get(chunk.id());
            List<Copy> copies = record == null ? List.of() : record.copies();
            List<NodeStatus> live = new ArrayList<>();
            for (Copy copy : copies) {
                NodeStatus holder = byId.get(copy.node());
                if (holder != null && holder.healthy() && holder.holds(copy)) {
                    live.add(holder);
                }
            }
            if (live.size() >= replication) {
                plans.add(new ChunkPlan(chunk.id(), 0, List.of(), 0));
                continue;
            }
            Set<NodeId> exclude = new HashSet<>(request.exclude());
            copies.forEach(c -> exclude.add(c.node()));
            int needed = replication - live.size();
            List<NodeAddress> targets = policy.choose(writable, needed, exclude, chunk.size(), live).stream()
                    .map(n -> new NodeAddress(n.id(), n.url())).toList();
            plans.add(new ChunkPlan(chunk.id(), needed, targets, Math.max(0, required - live.size())));
        }
        return new AllocateResponse(replication, plans);
    }

    /** What the write asked for, else its bucket's setting, else every copy. */
    private Consistency consistency(AllocateRequest request) {
        if (request.consistency() != null) {
            return request.consistency();
        }
        return request.bucket() == null ? Consistency.STRONG
                : reader.bucket(request.bucket()).map(BucketRecord::consistency).orElse(Consistency.STRONG);
    }

    int replication(int requested) {
        int r = requested == 0 ? defaultReplication : requested;
        if (r < 1 || r > 16) {
            throw CairnException.invalidArgument("replication factor must be between 1 and 16, got " + r);
        }
        return r;
    }
}
