package io.cairn.controller;

import io.cairn.api.AllocateRequest;
import io.cairn.api.AllocateResponse;
import io.cairn.api.BadReplicaReport;
import io.cairn.api.BucketInfo;
import io.cairn.api.ChunkLocation;
import io.cairn.api.ChunkPlan;
import io.cairn.api.CommitRequest;
import io.cairn.api.CommittedChunk;
import io.cairn.api.CompleteUploadRequest;
import io.cairn.api.CreateUploadRequest;
import io.cairn.api.DeleteResult;
import io.cairn.api.FileInfo;
import io.cairn.api.FileList;
import io.cairn.api.Heartbeat;
import io.cairn.api.HeartbeatResponse;
import io.cairn.api.LostChunks;
import io.cairn.api.Manifest;
import io.cairn.api.MetadataService;
import io.cairn.api.NodeAddress;
import io.cairn.api.NodeRegistry;
import io.cairn.api.NodeView;
import io.cairn.api.PartCommitRequest;
import io.cairn.api.RegisterRequest;
import io.cairn.api.RegisterResponse;
import io.cairn.api.Replica;
import io.cairn.api.StatusReport;
import io.cairn.api.VersionInfo;
import io.cairn.api.VersionList;
import io.cairn.core.CairnException;
import io.cairn.core.ChunkId;
import io.cairn.core.ErrorCode;
import io.cairn.core.Names;
import io.cairn.core.NodeId;
import io.cairn.core.Sizes;
import io.cairn.core.model.BucketRecord;
import io.cairn.core.model.ChunkRecord;
import io.cairn.core.model.ChunkRef;
import io.cairn.core.model.ClusterStats;
import io.cairn.core.model.KeyDeletion;
import io.cairn.core.model.Listing;
import io.cairn.core.model.NodeRecord;
import io.cairn.core.model.ObjectVersion;
import io.cairn.core.model.PartRecord;
import io.cairn.core.model.UploadRecord;
import io.cairn.core.model.VersionListing;
import io.cairn.core.model.Versioning;
import io.cairn.meta.MetaCommand.AbortUpload;
import io.cairn.meta.MetaCommand.ChunkWrite;
import io.cairn.meta.MetaCommand.CommitPart;
import io.cairn.meta.MetaCommand.CommitVersion;
import io.cairn.meta.MetaCommand.CompleteUpload;
import io.cairn.meta.MetaCommand.CreateBucket;
import io.cairn.meta.MetaCommand.CreateUpload;
import io.cairn.meta.MetaCommand.DeleteBucket;
import io.cairn.meta.MetaCommand.DeleteKey;
import io.cairn.meta.MetaCommand.DeleteObject;
import io.cairn.meta.MetaCommand.DropReplica;
import io.cairn.meta.MetaCommand.RegisterNode;
import io.cairn.meta.MetaCommand.SetMetadata;
import io.cairn.meta.MetaCommand.SetVersioning;
import io.cairn.meta.MetaCommand;
import io.cairn.meta.MetaReader;
import io.cairn.raft.RaftMetaLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's use cases: decides commands (fixing timestamps and validating against live state) and submits them
 * to the metadata log; answers reads from the metadata and the live node view. Thread-safe; every mutation is
 * serialised by the command log, so this class holds no lock.
 */
public final class ControllerService implements MetadataService, NodeRegistry {
    private static final int STALE_BATCH = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(ControllerService.class);

    private final MetaReader reader;
    private final RaftMetaLog log;
    private final LiveNodes nodes;
    private final PlacementPolicy placement;
    private final ControllerSettings settings;
    private final Clock clock;
    private final String clusterId;
    private final long startedAt;
    private final Counter badReplicas;
    private final SecureRandom uploadIds = new SecureRandom();

    public ControllerService(MetaReader reader, RaftMetaLog log, LiveNodes nodes, PlacementPolicy placement,
                             ControllerSettings settings, Clock clock, String clusterId, MeterRegistry registry) {
        this.reader = reader;
        this.log = log;
        this.nodes = nodes;
        this.placement = placement;
        this.settings = settings;
        this.clock = clock;
        this.clusterId = clusterId;
        this.startedAt = clock.millis();
        this.badReplicas = Counter.builder("cairn.bad.replicas.reported")
                .description("replicas readers found missing or corrupt").register(registry);
    }

    public String clusterId() {
        return clusterId;
    }

    // ---- node registry -------------------------------------------------------------------------------------------

    @Override
    public RegisterResponse register(RegisterRequest request) {
        checkCluster(request.clusterId());
        if (request.nodeId() == null || request.url() == null || !request.url().matches("https?://.+")) {
            throw CairnException.badRequest("registration needs a node id and an http(s) url");
        }
        NodeRecord existing = reader.nodes().stream().filter(n -> n.id().equals(request.nodeId())).findFirst()
                .orElse(null);
        NodeRecord record = new NodeRecord(request.nodeId(), request.url(),
                existing == null ? clock.millis() : existing.registeredAt(), request.zone());
        if (!record.equals(existing)) {
            submit(new RegisterNode(record));
            LOG.info("node {} registered at {}", record.id(), record.url());
        }
        nodes.registered(record, request.capacityBytes());
        return new RegisterResponse(clusterId);
    }

    @Override
    public HeartbeatResponse heartbeat(Heartbeat heartbeat) {
        checkCluster(heartbeat.clusterId());
        return new HeartbeatResponse(nodes.heartbeat(heartbeat));
    }

    private void checkCluster(String presented) {
        if (presented != null && !presented.equals(clusterId)) {
            throw new CairnException(ErrorCode.WRONG_CLUSTER, "this node belongs to cluster " + presented
                    + ", but this controller runs cluster " + clusterId);
        }
    }

    // ---- write path ----------------------------------------------------------------------------------------------

    @Override
    public AllocateResponse allocate(AllocateRequest request) {
        int replication = replication(request.replication());
        List<NodeStatus> healthy = nodes.healthy();
        if (healthy.size() < replication) {
            throw new CairnException(ErrorCode.INSUFFICIENT_NODES, "replication factor " + replication + " needs "
                    + replication + " healthy storage nodes; " + healthy.size() + " are healthy");
        }
        Set<NodeId> healthyIds = healthy.stream().map(NodeStatus::id).collect(Collectors.toSet());
        Map<ChunkId, ChunkRecord> known = reader.chunks(request.chunks().stream().map(ChunkRef::id).toList());
        List<ChunkPlan> plans = new ArrayList<>(request.chunks().size());
        for (ChunkRef chunk : request.chunks()) {
            ChunkRecord record = known.get(chunk.id());
            List<NodeId> holders = record == null ? List.of() : record.replicas();
            long liveCopies = holders.stream().filter(healthyIds::contains).count();
            if (liveCopies >= replication) {
                plans.add(new ChunkPlan(chunk.id(), 0, List.of()));
                continue;
            }
            Set<NodeId> exclude = new HashSet<>(request.exclude());
            exclude.addAll(holders);
            int needed = (int) (replication - liveCopies);
            List<NodeAddress> targets = placement.choose(healthy, needed, exclude, chunk.size()).stream()
                    .map(n -> new NodeAddress(n.id(), n.url())).toList();
            plans.add(new ChunkPlan(chunk.id(), needed, targets));
        }
        return new AllocateResponse(replication, plans);
    }

    @Override
    public ObjectVersion commit(CommitRequest request) {
        requireHealthy(request.chunks());
        return submit(new CommitVersion(Names.bucket(request.bucket()), request.key(), request.size(),
                request.chunkSize(), replication(request.replication()), request.contentType(), request.metadata(),
                chunkWrites(request.chunks()), request.ifNoneMatch(), clock.millis(), request.requestId(),
                request.content()), ObjectVersion.class);
    }

    /** Every node that wrote a chunk must still be healthy: one that failed since may have lost what it wrote. */
    private void requireHealthy(List<CommittedChunk> chunks) {
        for (CommittedChunk chunk : chunks) {
            for (NodeId node : chunk.written()) {
                if (!nodes.node(node).map(NodeStatus::healthy).orElse(false)) {
                    throw new CairnException(ErrorCode.UNAVAILABLE, "storage node " + node
                            + " became unhealthy during the upload; nothing was stored, retry the upload");
                }
            }
        }
    }

    private static List<ChunkWrite> chunkWrites(List<CommittedChunk> chunks) {
        return chunks.stream().map(c -> new ChunkWrite(c.id(), c.size(), c.written())).toList();
    }

    private int replication(int requested) {
        int r = requested == 0 ? settings.replicationFactor() : requested;
        if (r < 1 || r > 16) {
            throw CairnException.invalidArgument("replication factor must be between 1 and 16, got " + r);
        }
        return r;
    }

    // ---- read path -----------------------------------------------------------------------------------------------

    @Override
    public Manifest manifest(String bucket, String key, Long version) {
        fresh();
        requireBucket(bucket);
        ObjectVersion v = (version == null ? reader.latest(bucket, key) : reader.version(bucket, key, version))
                .orElseThrow(() -> version == null
                        ? CairnException.notFound("no file named '" + key + "'")
                        : new CairnException(ErrorCode.NO_SUCH_VERSION, "file '" + key + "' has no version " + version));
        Map<ChunkId, ChunkRecord> records = reader.chunks(v.chunks().stream().map(ChunkRef::id).distinct().toList());
        Map<NodeId, NodeStatus> live = nodes.all().stream().collect(Collectors.toMap(NodeStatus::id, Function.identity()));
        List<ChunkLocation> locations = new ArrayList<>(v.chunks().size());
        long offset = 0;
        for (ChunkRef chunk : v.chunks()) {
            ChunkRecord record = records.get(chunk.id());
            List<Replica> replicas = new ArrayList<>();
            if (record != null) {
                for (NodeId holder : record.replicas()) {
                    NodeStatus status = live.get(holder);
                    if (status != null) {
                        replicas.add(new Replica(holder, status.url(), status.healthy(), status.load()));
                    }
                }
            }
            replicas.sort(Comparator.comparing((Replica r) -> !r.healthy()).thenComparingInt(Replica::load));
            locations.add(new ChunkLocation(chunk.id(), chunk.size(), offset, replicas));
            offset += chunk.size();
        }
        return new Manifest(v, locations);
    }

    @Override
    public FileList list(String bucket, String prefix, String after, int limit) {
        fresh();
        requireBucket(bucket);
        Listing page = reader.list(bucket, prefix, null, after, limit);
        List<FileInfo> files = page.objects().stream().map(h -> new FileInfo(h.key(), h.size(), h.latestVersion(),
                h.versionCount(), iso(h.createdAt()), h.chunkCount(), h.contentType())).toList();
        return new FileList(bucket, files, page.next());
    }

    @Override
    public Listing listObjects(String bucket, String prefix, String delimiter, String after, int limit) {
        fresh();
        requireBucket(bucket);
        return reader.list(bucket, prefix, delimiter, after, limit);
    }

    @Override
    public VersionListing listVersions(String bucket, String prefix, String delimiter, String afterKey,
                                       long afterVersion, int limit) {
        fresh();
        requireBucket(bucket);
        return reader.listVersions(bucket, prefix, delimiter, afterKey, afterVersion, limit);
    }

    @Override
    public VersionList versions(String bucket, String key) {
        fresh();
        requireBucket(bucket);
        List<ObjectVersion> versions = reader.versions(bucket, key);
        if (versions.isEmpty()) {
            throw CairnException.notFound("no file named '" + key + "'");
        }
        long latest = versions.getLast().version();
        return new VersionList(key, versions.stream().map(v -> new VersionInfo(v.version(), v.size(),
                iso(v.createdAt()), v.chunks().size(), v.version() == latest, v.entityTag(), v.deleteMarker(),
                v.nullVersion())).toList());
    }

    @Override
    @SuppressWarnings("unchecked")
    public DeleteResult delete(String bucket, String key, Long version) {
        List<Long> deleted = submit(new DeleteObject(Names.bucket(bucket), key, version), List.class);
        return new DeleteResult(key, deleted);
    }

    @Override
    public KeyDeletion deleteKey(String bucket, String key) {
        return submit(new DeleteKey(Names.bucket(bucket), key, clock.millis()), KeyDeletion.class);
    }

    @Override
    public ObjectVersion updateMetadata(String bucket, String key, Map<String, String> metadata) {
        long bytes = metadata.entrySet().stream().mapToLong(e -> e.getKey().length() + e.getValue().length()).sum();
        if (bytes > 8 * 1024) {
            throw CairnException.invalidArgument("user metadata is limited to 8 KiB, got " + bytes + " characters");
        }
        return submit(new SetMetadata(Names.bucket(bucket), key, metadata), ObjectVersion.class);
    }

    // ---- multipart uploads ---------------------------------------------------------------------------------------

    @Override
    public UploadRecord createUpload(CreateUploadRequest request) {
        long at = clock.millis();
        // Sorts by creation time within a key (S3 lists uploads that way), unique by its random half.
        String uploadId = String.format("%012x", at) + HexFormat.of().toHexDigits(uploadIds.nextLong());
        return submit(new CreateUpload(Names.bucket(request.bucket()), request.key(), uploadId, at,
                request.contentType(), request.metadata(), request.headers(), request.checksumAlgorithm()),
                UploadRecord.class);
    }

    @Override
    public UploadRecord upload(String bucket, String key, String uploadId) {
        fresh();
        requireBucket(bucket);
        return reader.upload(bucket, key, uploadId).orElseThrow(() -> new CairnException(ErrorCode.NO_SUCH_UPLOAD,
                "no multipart upload '" + uploadId + "' of '" + key + "'"));
    }

    @Override
    public PartRecord commitPart(PartCommitRequest request) {
        requireHealthy(request.chunks());
        return submit(new CommitPart(Names.bucket(request.bucket()), request.key(), request.uploadId(),
                request.number(), request.size(), request.etag(), request.checksum(), chunkWrites(request.chunks()),
                replication(request.replication()), clock.millis()), PartRecord.class);
    }

    @Override
    public List<PartRecord> parts(String bucket, String key, String uploadId, int after, int limit) {
        upload(bucket, key, uploadId);
        return reader.parts(uploadId, after, limit);
    }

    @Override
    public List<UploadRecord> uploads(String bucket, String prefix, String afterKey, String afterUploadId,
                                      int limit) {
        fresh();
        requireBucket(bucket);
        return reader.uploads(bucket, prefix, afterKey, afterUploadId, limit);
    }

    @Override
    public ObjectVersion completeUpload(CompleteUploadRequest request) {
        return submit(new CompleteUpload(Names.bucket(request.bucket()), request.key(), request.uploadId(),
                request.parts(), request.ifNoneMatch(), request.content(), clock.millis()), ObjectVersion.class);
    }

    @Override
    public UploadRecord abortUpload(String bucket, String key, String uploadId) {
        return submit(new AbortUpload(Names.bucket(bucket), key, uploadId), UploadRecord.class);
    }

    /**
     * Aborts uploads started more than {@code expiry} ago, a bounded batch per call.
     *
     * @return how many were aborted
     */
    public int abortStaleUploads(Duration expiry) {
        fresh();
        int aborted = 0;
        for (UploadRecord upload : reader.uploadsStartedBefore(clock.millis() - expiry.toMillis(), STALE_BATCH)) {
            try {
                abortUpload(upload.bucket(), upload.key(), upload.uploadId());
                aborted++;
            } catch (CairnException e) {
                if (e.code() != ErrorCode.NO_SUCH_UPLOAD) {
                    throw e;
                }
            }
        }
        return aborted;
    }

    @Override
    public BucketInfo createBucket(String name, Versioning versioning) {
        return info(submit(new CreateBucket(Names.bucket(name), clock.millis(), versioning), BucketRecord.class));
    }

    @Override
    public BucketInfo bucket(String name) {
        fresh();
        return info(reader.bucket(name).orElseThrow(() -> new CairnException(ErrorCode.NO_SUCH_BUCKET, "no bucket named '" + name + "'")));
    }

    @Override
    public BucketInfo setVersioning(String bucket, Versioning versioning) {
        return info(submit(new SetVersioning(Names.bucket(bucket), versioning), BucketRecord.class));
    }

    private static BucketInfo info(BucketRecord record) {
        return new BucketInfo(record.name(), iso(record.createdAt()), record.versioning());
    }

    @Override
    public void deleteBucket(String name) {
        submit(new DeleteBucket(Names.bucket(name)));
    }

    @Override
    public List<BucketInfo> buckets() {
        fresh();
        return reader.buckets().stream().map(ControllerService::info).toList();
    }

    private void requireBucket(String bucket) {
        if (reader.bucket(bucket).isEmpty()) {
            throw new CairnException(ErrorCode.NO_SUCH_BUCKET, "no bucket named '" + bucket + "'");
        }
    }

    // ---- cluster views -------------------------------------------------------------------------------------------

    @Override
    public StatusReport status() {
        // Status must answer while the group has no leader (that is when it matters most): no read barrier.
        ClusterStats stats = reader.stats();
        List<NodeStatus> all = nodes.all();
        int healthy = (int) all.stream().filter(NodeStatus::healthy).count();
        String status = healthy < settings.replicationFactor() ? "unavailable"
                : healthy < all.size() ? "degraded" : "healthy";
        // Nodes sharing a file system (./cairn server puts all of them on one disk) count its space once.
        Map<String, NodeStatus> volumes = new java.util.LinkedHashMap<>();
        for (NodeStatus node : all) {
            if (node.healthy()) {
                volumes.putIfAbsent(node.volume() != null ? node.volume() : "node:" + node.id(), node);
            }
        }
        long capacity = volumes.values().stream().mapToLong(NodeStatus::capacityBytes).sum();
        long free = volumes.values().stream().mapToLong(NodeStatus::freeBytes).sum();
        long uptime = (clock.millis() - startedAt) / 1000;
        return new StatusReport(status, clusterId, all.size(), healthy, stats.objects(), stats.versions(),
                stats.chunks(), stats.logicalBytes(), stats.storedBytes(), Sizes.human(stats.storedBytes()), capacity,
                free, settings.replicationFactor(), uptime, uptime(uptime), log.status());
    }

    @Override
    public List<NodeView> nodes() {
        long now = clock.millis();
        return nodes.all().stream().map(n -> new NodeView(n.id().value(), n.url(), n.healthy() ? "healthy" : "unhealthy",
                n.capacityBytes(), n.usedBytes(), n.freeBytes(), n.chunkCount(), n.load(), iso(n.registeredAt()),
                n.lastSeenMillis() == 0 ? null : iso(n.lastSeenMillis()),
                n.lastSeenMillis() == 0 ? -1 : now - n.lastSeenMillis())).toList();
    }

    @Override
    public void reportBadReplica(BadReplicaReport report) {
        badReplicas.increment();
        LOG.warn("bad replica reported: chunk {} on node {}: {}", report.chunk(), report.node(), report.reason());
        ChunkRecord record = reader.chunk(report.chunk()).orElse(null);
        // Never forget the last known copy: a wrong report must not turn a readable chunk into a lost one.
        if (record != null && record.replicas().contains(report.node()) && record.replicas().size() > 1) {
            submit(new DropReplica(report.chunk(), report.node()));
        }
    }

    @Override
    public void reportLostChunks(LostChunks report) {
        for (ChunkId chunk : report.chunks()) {
            reportBadReplica(new BadReplicaReport(chunk, report.node(), report.reason()));
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /**
     * Makes the local metadata fresh enough for a read at the configured consistency. Write-path lookups (placement,
     * dedup, registration) skip it: the commit re-validates what they decided against the log's order.
     */
    private void fresh() {
        log.awaitReadable(settings.reads());
    }

    private Object submit(MetaCommand command) {
        try {
            return log.submit(command).get().orThrow(Object.class);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CairnException(ErrorCode.UNAVAILABLE, "interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CairnException ce) {
                throw ce;
            }
            throw new CairnException(ErrorCode.INTERNAL, "metadata write failed", e.getCause());
        }
    }

    private <T> T submit(MetaCommand command, Class<T> type) {
        return type.cast(submit(command));
    }

    static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    static String uptime(long seconds) {
        return String.format("%dd %dh %dm", seconds / 86400, seconds / 3600 % 24, seconds / 60 % 60);
    }
}
