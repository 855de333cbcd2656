package io.cairn.controller;

import io.cairn.api.AclUpdate;
import io.cairn.api.TagUpdate;
import io.cairn.core.model.Acl;
import io.cairn.api.AllocateRequest;
import io.cairn.api.AllocateResponse;
import io.cairn.api.BadReplicaReport;
import io.cairn.api.BalanceReport;
import io.cairn.api.BucketInfo;
import io.cairn.api.CommitRequest;
import io.cairn.api.CommittedChunk;
import io.cairn.api.CompleteUploadRequest;
import io.cairn.api.CreateUploadRequest;
import io.cairn.api.DeleteResult;
import io.cairn.api.FileList;
import io.cairn.api.Heartbeat;
import io.cairn.api.HeartbeatResponse;
import io.cairn.api.LostChunks;
import io.cairn.api.Manifest;
import io.cairn.api.MetadataService;
import io.cairn.api.NodeRegistry;
import io.cairn.api.NodeView;
import io.cairn.api.PartCommitRequest;
import io.cairn.api.PublicAccessBlockUpdate;
import io.cairn.api.QuotaInfo;
import io.cairn.api.RecoveryStatus;
import io.cairn.api.RegisterRequest;
import io.cairn.api.RepairReport;
import io.cairn.api.RegisterResponse;
import io.cairn.api.StatusReport;
import io.cairn.api.VersionList;
import io.cairn.controller.chunks.ChunkKeeper;
import io.cairn.core.NodeId;
import io.cairn.core.model.Consistency;
import io.cairn.core.model.KeyDeletion;
import io.cairn.core.model.Listing;
import io.cairn.core.model.ObjectOwnership;
import io.cairn.core.model.ObjectVersion;
import io.cairn.core.model.PartRecord;
import io.cairn.core.model.Quota;
import io.cairn.core.model.QuotaScope;
import io.cairn.core.model.Usage;
import io.cairn.core.model.UploadRecord;
import io.cairn.core.model.VersionListing;
import io.cairn.core.model.Versioning;
import io.cairn.meta.MetaCommand;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The controller's services behind the two interfaces other processes use ({@link MetadataService} for gateways,
 * {@link NodeRegistry} for storage nodes): each call goes to the part that owns it, the namespace, multipart uploads,
 * placement, the node directory or the chunk keeper. Holds no state of its own. Thread-safe.
 */
public final class ControllerService implements MetadataService, NodeRegistry {
    private final String clusterId;
    private final MetadataCommands commands;
    private final NodeDirectory directory;
    private final Placement placement;
    private final Namespace namespace;
    private final Multipart multipart;
    private final ChunkKeeper keeper;

    ControllerService(String clusterId, MetadataCommands commands, NodeDirectory directory, Placement placement,
                      Namespace namespace, Multipart multipart, ChunkKeeper keeper) {
        this.clusterId = clusterId;
        this.commands = commands;
        this.directory = directory;
        this.placement = placement;
        this.namespace = namespace;
        this.multipart = multipart;
        this.keeper = keeper;
    }

    public String clusterId() {
        return clusterId;
    }

    // ---- node registry -------------------------------------------------------------------------------------------

    @Override
    public RegisterResponse register(RegisterRequest request) {
        return directory.register(request);
    }

    @Override
    public HeartbeatResponse heartbeat(Heartbeat heartbeat) {
        return directory.heartbeat(heartbeat);
    }

    /** A node's own check (its scrubber) found these copies corrupt or gone: they are no copies any more. */
    @Override
    public void reportLostChunks(LostChunks report) {
        directory.requireStore(report.node(), report.storeId());
        keeper.copiesLost(report.node(), report.chunks());
    }

    // ---- objects -------------------------------------------------------------------------------------------------

    @Override
    public AllocateResponse allocate(AllocateRequest request) {
        return placement.allocate(request);
    }

    @Override
    public ObjectVersion commit(CommitRequest request) {
        return namespace.commit(request);
    }

    @Override
    public Manifest manifest(String bucket, String key, Long version) {
        return namespace.manifest(bucket, key, version);
    }

    @Override
    public FileList list(String bucket, String prefix, String after, int limit) {
        return namespace.list(bucket, prefix, after, limit);
    }

    @Override
    public Listing listObjects(String bucket, String prefix, String delimiter, String after, int limit) {
        return namespace.listObjects(bucket, prefix, delimiter, after, limit);
    }

    @Override
    public VersionListing listVersions(String bucket, String prefix, String delimiter, String afterKey,
                                       long afterVersion, int limit) {
        return namespace.listVersions(bucket, prefix, delimiter, afterKey, afterVersion, limit);
    }

    @Override
    public VersionList versions(String bucket, String key) {
        return namespace.versions(bucket, key);
    }

    @Override
    public DeleteResult delete(String bucket, String key, Long version) {
        return namespace.delete(bucket, key, version);
    }

    @Override
    public KeyDeletion deleteKey(String bucket, String key) {
        return namespace.deleteKey(bucket, key);
    }

    @Override
    public ObjectVersion updateMetadata(String bucket, String key, Map<String, String> metadata) {
        return namespace.updateMetadata(bucket, key, metadata);
    }

    @Override
    public BucketInfo createBucket(String name, Versioning versioning, String owner, Acl acl,
                                   ObjectOwnership ownership) {
        return namespace.createBucket(name, versioning, owner, acl, ownership);
    }

    @Override
    public BucketInfo setOwnership(String bucket, ObjectOwnership ownership) {
        return namespace.setOwnership(bucket, ownership);
    }

    @Override
    public BucketInfo setPublicAccessBlock(PublicAccessBlockUpdate update) {
        return namespace.setPublicAccessBlock(update);
    }

    @Override
    public Acl setAcl(AclUpdate update) {
        return namespace.setAcl(update);
    }

    @Override
    public void setTags(TagUpdate update) {
        namespace.setTags(update);
    }

    @Override
    public BucketInfo bucket(String name) {
        return namespace.bucket(name);
    }

    @Override
    public BucketInfo setVersioning(String bucket, Versioning versioning) {
        return namespace.setVersioning(bucket, versioning);
    }

    @Override
    public void deleteBucket(String name) {
        namespace.deleteBucket(name);
    }

    @Override
    public List<BucketInfo> buckets() {
        return namespace.buckets();
    }

    // ---- multipart uploads ---------------------------------------------------------------------------------------

    @Override
    public UploadRecord createUpload(CreateUploadRequest request) {
        return multipart.createUpload(request);
    }

    @Override
    public UploadRecord upload(String bucket, String key, String uploadId) {
        return multipart.upload(bucket, key, uploadId);
    }

    @Override
    public PartRecord commitPart(PartCommitRequest request) {
        return multipart.commitPart(request);
    }

    @Override
    public List<PartRecord> parts(String bucket, String key, String uploadId, int after, int limit) {
        return multipart.parts(bucket, key, uploadId, after, limit);
    }

    @Override
    public List<UploadRecord> uploads(String bucket, String prefix, String afterKey, String afterUploadId,
                                      int limit) {
        return multipart.uploads(bucket, prefix, afterKey, afterUploadId, limit);
    }

    @Override
    public ObjectVersion completeUpload(CompleteUploadRequest request) {
        return multipart.completeUpload(request);
    }

    @Override
    public UploadRecord abortUpload(String bucket, String key, String uploadId) {
        return multipart.abortUpload(bucket, key, uploadId);
    }

    /** Aborts uploads started more than {@code expiry} ago, a bounded batch per call; returns how many. */
    public int abortStaleUploads(Duration expiry) {
        return multipart.abortStaleUploads(expiry);
    }

    // ---- cluster -------------------------------------------------------------------------------------------------

    @Override
    public StatusReport status() {
        return directory.status(commands.log().status());
    }

    @Override
    public QuotaInfo setQuota(QuotaScope scope, String name, Quota quota) {
        Usage usage = commands.submit(new MetaCommand.SetQuota(scope, name, quota), Usage.class);
        return new QuotaInfo(scope.name().toLowerCase(Locale.ROOT), name, quota.maxBytes(), quota.maxObjects(),
                usage.bytes(), usage.objects());
    }

    @Override
    public List<QuotaInfo> quotas() {
        commands.fresh();
        return directory.quotas();
    }

    @Override
    public List<NodeView> nodes() {
        return directory.views();
    }

    @Override
    public void reportBadReplica(BadReplicaReport report) {
        keeper.reportBadCopy(report);
    }

    @Override
    public void recordCopies(CommittedChunk copies) {
        keeper.recordCopies(copies.id(), copies.written(), copies.generations());
    }

    @Override
    public BucketInfo setConsistency(String bucket, Consistency consistency) {
        return namespace.setConsistency(bucket, consistency);
    }

    @Override
    public NodeView drainNode(String nodeId) {
        return directory.drain(new NodeId(nodeId));
    }

    @Override
    public NodeView enableNode(String nodeId) {
        return directory.enable(new NodeId(nodeId));
    }

    @Override
    public void removeNode(String nodeId) {
        directory.remove(new NodeId(nodeId));
    }

    @Override
    public RepairReport repairFile(String bucket, String key, Long version) {
        return keeper.repairFile(namespace.manifest(bucket, key, version).version());
    }

    @Override
    public BalanceReport rebalance() {
        return keeper.rebalance();
    }

    @Override
    public RecoveryStatus recoveryStatus() {
        return keeper.status();
    }
}
