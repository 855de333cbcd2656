package io.cairn.client;

import static io.cairn.client.HttpTransport.query;
import static io.cairn.client.HttpTransport.url;

import io.cairn.api.AclUpdate;
import io.cairn.api.TagUpdate;
import io.cairn.core.model.Acl;
import io.cairn.api.AllocateRequest;
import io.cairn.api.AllocateResponse;
import io.cairn.api.ApiPaths;
import io.cairn.api.BadReplicaReport;
import io.cairn.api.BalanceReport;
import io.cairn.api.BucketInfo;
import io.cairn.api.CommittedChunk;
import io.cairn.api.CommitRequest;
import io.cairn.api.CompleteUploadRequest;
import io.cairn.api.CreateUploadRequest;
import io.cairn.api.DeleteRequest;
import io.cairn.api.DeleteResult;
import io.cairn.api.FileList;
import io.cairn.api.Manifest;
import io.cairn.api.MetadataService;
import io.cairn.api.MetadataUpdate;
import io.cairn.api.NodeView;
import io.cairn.api.PublicAccessBlockUpdate;
import io.cairn.api.RecoveryStatus;
import io.cairn.api.RepairReport;
import io.cairn.api.PartCommitRequest;
import io.cairn.api.QuotaInfo;
import io.cairn.api.StatusReport;
import io.cairn.api.VersionList;
import io.cairn.core.model.Consistency;
import io.cairn.core.model.KeyDeletion;
import io.cairn.core.model.Listing;
import io.cairn.core.model.ObjectOwnership;
import io.cairn.core.model.ObjectVersion;
import io.cairn.core.model.PartRecord;
import io.cairn.core.model.Quota;
import io.cairn.core.model.QuotaScope;
import io.cairn.core.model.UploadRecord;
import io.cairn.core.model.VersionListing;
import io.cairn.core.model.Versioning;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@link MetadataService} over the controllers' internal HTTP API, for a gateway running in its own process. Any live
 * controller serves every call; which one a call goes to, and moving on from one that is unavailable, is
 * {@link ControllerFailover}'s job.
 */
public final class HttpMetadataClient implements MetadataService {
    private final HttpTransport http;
    private final ControllerFailover controllers;

    /** With the default failover deadline of 20 s. */
    public HttpMetadataClient(HttpTransport http, List<String> controllerUrls) {
        this(http, controllerUrls, ControllerFailover.DEFAULT_DEADLINE);
    }

    /**
     * @param controllerUrls   every controller of the cluster, in the order they are tried first
     * @param failoverDeadline how long a call keeps trying other controllers while they answer UNAVAILABLE
     */
    public HttpMetadataClient(HttpTransport http, List<String> controllerUrls, Duration failoverDeadline) {
        this.http = http;
        this.controllers = new ControllerFailover(controllerUrls, failoverDeadline);
    }

    @Override
    public AllocateResponse allocate(AllocateRequest request) {
        return controllers.call(base -> http.postJson(base + ApiPaths.ALLOCATE, request, AllocateResponse.class));
    }

    @Override
    public ObjectVersion commit(CommitRequest request) {
        return controllers.call(base -> http.postJson(base + ApiPaths.COMMIT, request, ObjectVersion.class));
    }

    @Override
    public Manifest manifest(String bucket, String key, Long version) {
        return controllers.call(base -> http.getJson(url(base, ApiPaths.MANIFEST,
                query("bucket", bucket, "key", key, "version", version)), Manifest.class));
    }

    @Override
    public FileList list(String bucket, String prefix, String after, int limit) {
        return controllers.call(base -> http.getJson(url(base, ApiPaths.LIST,
                query("bucket", bucket, "prefix", prefix, "after", after, "limit", limit)), FileList.class));
    }

    @Override
    public Listing listObjects(String bucket, String prefix, String delimiter, String after, int limit) {
        return controllers.call(base -> http.getJson(url(base, ApiPaths.LIST_OBJECTS, query("bucket", bucket,
                "prefix", prefix, "delimiter", delimiter, "after", after, "limit", limit)), Listing.class));
    }

    @Override
    public VersionListing listVersions(String bucket, String prefix, String delimiter, String afterKey,
                                       long afterVersion, int limit) {
        return controllers.call(base -> http.getJson(url(base, ApiPaths.LIST_VERSIONS, query("bucket", bucket,
                "prefix", prefix, "delimiter", delimiter, "after_key", afterKey, "after_version", afterVersion,
                "limit", limit)), VersionListing.class));
    }

    @Override
    public VersionList versions(String bucket, String key) {
        return controllers.call(base -> http.getJson(url(base, ApiPaths.VERSIONS, query("bucket", bucket, "key", key)),
                VersionList.class));
    }

    @Override
    public DeleteResult delete(String bucket, String key, Long version) {
        DeleteRequest request = new DeleteRequest(bucket, key, version);
        return controllers.call(base -> http.postJson(base + ApiPaths.DELETE, request, DeleteResult.class));
    }

    @Override
    public KeyDeletion deleteKey(String bucket, String key) {
        DeleteRequest request = new DeleteRequest(bucket, key, null);
        return controllers.call(base -> http.postJson(base + ApiPaths.DELETE_KEY, request, KeyDeletion.class));
    }

    @Override
    public ObjectVersion updateMetadata(String bucket, String key, Map<String, String> metadata) {
        MetadataUpdate update = new MetadataUpdate(bucket, key, metadata);
        return controllers.call(base -> http.postJson(base + ApiPaths.METADATA, update, ObjectVersion.class));
    }

    @Override
    public UploadRecord createUpload(CreateUploadRequest request) {
        return controllers.call(base -> http.postJson(base + ApiPaths.UPLOADS, request, UploadRecord.class));
    }

    @Override
    public UploadRecord upload(String bucket, String key, String uploadId) {
        return controllers.call(base -> http.getJson(url(base, ApiPaths.UPLOAD,
                query("bucket", bucket, "key", key, "upload", uploadId)), UploadRecord.class));
    }

    @Override
    public PartRecord commitPart(PartCommitRequest request) {
        return controllers.call(base -> http.postJson(base + ApiPaths.PARTS, request, PartRecord.class));
    }

    @Override
    public List<PartRecord> parts(String bucket, String key, String uploadId, int after, int limit) {
        return Arrays.asList(controllers.call(base -> http.getJson(url(base, ApiPaths.PARTS, query("bucket", bucket,
                "key", key, "upload", uploadId, "after", after, "limit", limit)), PartRecord[].class)));
    }

    @Override
    public List<UploadRecord> uploads(String bucket, String prefix, String afterKey, String afterUploadId,
                                      int limit) {
        return Arrays.asList(controllers.call(base -> http.getJson(url(base, ApiPaths.UPLOADS, query("bucket", bucket,
                "prefix", prefix, "after_key", afterKey, "after_upload", afterUploadId, "limit", limit)),
                UploadRecord[].class)));
    }

    @Override
    public ObjectVersion completeUpload(CompleteUploadRequest request) {
        return controllers.call(base -> http.postJson(base + ApiPaths.COMPLETE_UPLOAD, request, ObjectVersion.class));
    }

    @Override
    public UploadRecord abortUpload(String bucket, String key, String uploadId) {
        return controllers.call(base -> http.postJson(url(base, ApiPaths.ABORT_UPLOAD,
                query("bucket", bucket, "key", key, "upload", uploadId)), Map.of(), UploadRecord.class));
    }

    @Override
    public BucketInfo createBucket(String name, Versioning versioning, String owner, Acl acl,
                                   ObjectOwnership ownership) {
        return controllers.call(base -> http.postJson(url(base, ApiPaths.BUCKETS,
                query("create", name, "versioning", versioning, "owner", owner, "ownership", ownership)),
                acl == null ? Map.of() : acl, BucketInfo.class));
    }

    @Override
    public BucketInfo setOwnership(String bucket, ObjectOwnership ownership) {
        return controllers.call(base -> http.postJson(url(base, ApiPaths.OWNERSHIP, query("bucket", bucket,
                "ownership", ownership)), Map.of(), BucketInfo.class));
    }

    @Override
    public BucketInfo setPublicAccessBlock(PublicAccessBlockUpdate update) {
        return controllers.call(base -> http.postJson(base + ApiPaths.PUBLIC_ACCESS_BLOCK, update, BucketInfo.class));
    }

    @Override
    public Acl setAcl(AclUpdate update) {
        return controllers.call(base -> http.postJson(base + ApiPaths.ACL, update, Acl.class));
    }

    @Override
    public void setTags(TagUpdate update) {
        controllers.call(base -> http.postJson(base + ApiPaths.TAGS, update));
    }

    @Override
    public QuotaInfo setQuota(QuotaScope scope, String name, Quota quota) {
        return controllers.call(base -> http.postJson(url(base, ApiPaths.QUOTAS, query("scope", scope, "name", name)),
                quota, QuotaInfo.class));
    }

    @Override
    public List<QuotaInfo> quotas() {
        return Arrays.asList(controllers.call(base -> http.getJson(base + ApiPaths.QUOTAS, QuotaInfo[].class)));
    }

    @Override
    public BucketInfo bucket(String name) {
        return controllers.call(base -> http.getJson(url(base, ApiPaths.BUCKETS, query("name", name)),
                BucketInfo.class));
    }

    @Override
    public BucketInfo setVersioning(String bucket, Versioning versioning) {
        return controllers.call(base -> http.postJson(url(base, ApiPaths.VERSIONING,
                query("bucket", bucket, "versioning", versioning)), Map.of(), BucketInfo.class));
    }

    @Override
    public void deleteBucket(String name) {
        controllers.call(base -> http.postJson(url(base, ApiPaths.BUCKETS, query("delete", name)), Map.of(),
                Void.class));
    }

    @Override
    public List<BucketInfo> buckets() {
        return Arrays.asList(controllers.call(base -> http.getJson(base + ApiPaths.BUCKETS, BucketInfo[].class)));
    }

    @Override
    public StatusReport status() {
        return controllers.call(base -> http.getJson(base + ApiPaths.STATUS, StatusReport.class));
    }

    @Override
    public List<NodeView> nodes() {
        return Arrays.asList(controllers.call(base -> http.getJson(base + ApiPaths.NODES, NodeView[].class)));
    }

    @Override
    public void reportBadReplica(BadReplicaReport report) {
        controllers.call(base -> http.postJson(base + ApiPaths.BAD_REPLICA, report, Void.class));
    }

    @Override
    public NodeView drainNode(String nodeId) {
        return controllers.call(base -> http.postJson(url(base, ApiPaths.NODE_STATE, query("node", nodeId,
                "state", "draining")), Map.of(), NodeView.class));
    }

    @Override
    public NodeView enableNode(String nodeId) {
        return controllers.call(base -> http.postJson(url(base, ApiPaths.NODE_STATE, query("node", nodeId,
                "state", "active")), Map.of(), NodeView.class));
    }

    @Override
    public void removeNode(String nodeId) {
        controllers.call(base -> http.postJson(url(base, ApiPaths.REMOVE_NODE, query("node", nodeId)), Map.of(),
                Void.class));
    }

    @Override
    public RecoveryStatus recoveryStatus() {
        return controllers.call(base -> http.getJson(base + ApiPaths.RECOVERY, RecoveryStatus.class));
    }

    @Override
    public RepairReport repairFile(String bucket, String key, Long version) {
        return controllers.call(base -> http.postJson(url(base, ApiPaths.REPAIR_FILE, query("bucket", bucket, "key",
                key, "version", version)), Map.of(), RepairReport.class));
    }

    @Override
    public BalanceReport rebalance() {
        return controllers.call(base -> http.postJson(base + ApiPaths.REBALANCE, Map.of(), BalanceReport.class));
    }

    @Override
    public void recordCopies(CommittedChunk copies) {
        controllers.call(base -> http.postJson(base + ApiPaths.RECORD_COPIES, copies, Void.class));
    }

    @Override
    public BucketInfo setConsistency(String bucket, Consistency consistency) {
        return controllers.call(base -> http.postJson(url(base, ApiPaths.CONSISTENCY, query("bucket", bucket,
                "consistency", consistency == null ? null : consistency.name())), Map.of(), BucketInfo.class));
    }
}
