package io.cairn.api;

import io.cairn.core.model.Acl;
import io.cairn.core.model.KeyDeletion;
import io.cairn.core.model.Listing;
import io.cairn.core.model.ObjectOwnership;
import io.cairn.core.model.PartRecord;
import io.cairn.core.model.Quota;
import io.cairn.core.model.QuotaScope;
import io.cairn.core.model.UploadRecord;
import io.cairn.core.model.VersionListing;
import io.cairn.core.model.Versioning;
import java.util.List;
import java.util.Map;

/**
 * The controller as a gateway sees it: metadata only, never bytes. Implemented in-process by the controller and over
 * HTTP by {@code io.cairn.client.HttpMetadataClient}; both throw {@link io.cairn.core.CairnException} with the same
 * codes, so callers cannot tell them apart.
 */
public interface MetadataService {
    AllocateResponse allocate(AllocateRequest request);

    io.cairn.core.model.ObjectVersion commit(CommitRequest request);

    /** @param version null for the latest */
    Manifest manifest(String bucket, String key, Long version);

    FileList list(String bucket, String prefix, String after, int limit);

    /**
     * One page of live keys and, with a delimiter, common prefixes (S3's listing), at most {@code limit} of both.
     *
     * @param after a previous page's {@link Listing#next()}, or a key to start after; null for the top
     */
    Listing listObjects(String bucket, String prefix, String delimiter, String after, int limit);

    VersionList versions(String bucket, String key);

    /**
     * One page of a bucket's versions, keys in order and each key's versions newest first (S3's
     * ListObjectVersions), at most {@code limit} entries with the common prefixes.
     *
     * @param afterKey     a previous page's {@link VersionListing#nextKey()}, or null for the top
     * @param afterVersion its {@link VersionListing#nextVersion()}
     */
    VersionListing listVersions(String bucket, String prefix, String delimiter, String afterKey, long afterVersion,
                                int limit);

    /** @param version null deletes the key with all its versions */
    DeleteResult delete(String bucket, String key, Long version);

    /** Deletes a key as S3 does without a version id: by the bucket's versioning (a delete marker, or for good). */
    KeyDeletion deleteKey(String bucket, String key);

    io.cairn.core.model.ObjectVersion updateMetadata(String bucket, String key, Map<String, String> metadata);

    /** Starts a multipart upload; the answer carries its id. */
    UploadRecord createUpload(CreateUploadRequest request);

    /** @throws io.cairn.core.CairnException NO_SUCH_UPLOAD */
    UploadRecord upload(String bucket, String key, String uploadId);

    PartRecord commitPart(PartCommitRequest request);

    /** Up to {@code limit} parts numbered above {@code after}; NO_SUCH_UPLOAD if the upload is not open. */
    List<PartRecord> parts(String bucket, String key, String uploadId, int after, int limit);

    /** Up to {@code limit} open uploads by key then id, after ({@code afterKey}, {@code afterUploadId}). */
    List<UploadRecord> uploads(String bucket, String prefix, String afterKey, String afterUploadId, int limit);

    io.cairn.core.model.ObjectVersion completeUpload(CompleteUploadRequest request);

    UploadRecord abortUpload(String bucket, String key, String uploadId);

    /**
     * Sets the quota of a bucket or a user (a user's counts every bucket they created); both limits 0 removes it.
     * Enforced when each write is committed, in the replicated state machine.
     */
    QuotaInfo setQuota(QuotaScope scope, String name, Quota quota);

    /** Every quota set, with what is held under it. */
    List<QuotaInfo> quotas();

    /** @param owner the user creating it, whose quota it counts against; null for the root user */
    default BucketInfo createBucket(String name, Versioning versioning, String owner) {
        return createBucket(name, versioning, owner, null);
    }

    /** @param acl what the bucket's ACL grants beyond its owner; null for nothing */
    default BucketInfo createBucket(String name, Versioning versioning, String owner, Acl acl) {
        return createBucket(name, versioning, owner, acl, null);
    }

    /** @param ownership the bucket's Object Ownership setting, null for none */
    BucketInfo createBucket(String name, Versioning versioning, String owner, Acl acl, ObjectOwnership ownership);

    /**
     * Sets a bucket's Object Ownership, null removing it.
     *
     * @throws io.cairn.core.CairnException INVALID_ARGUMENT for {@link ObjectOwnership#BUCKET_OWNER_ENFORCED} while
     *         the bucket's ACL grants anyone but its owner
     */
    BucketInfo setOwnership(String bucket, ObjectOwnership ownership);

    /** Sets or removes a bucket's Block Public Access settings. */
    BucketInfo setPublicAccessBlock(PublicAccessBlockUpdate update);

    /**
     * Replaces the ACL of a bucket ({@code key} null) or of one version of an object (null: the latest); an object's
     * owner stays who wrote it. Answers the ACL now in force.
     */
    Acl setAcl(AclUpdate update);

    /**
     * Replaces the tags of a bucket ({@code key} null) or of one version of an object (null: the latest, which must
     * not be a delete marker); no tags removes them.
     */
    void setTags(TagUpdate update);

    /** @throws io.cairn.core.CairnException NOT_FOUND if there is no such bucket */
    BucketInfo bucket(String name);

    BucketInfo setVersioning(String bucket, Versioning versioning);

    void deleteBucket(String name);

    List<BucketInfo> buckets();

    StatusReport status();

    List<NodeView> nodes();

    void reportBadReplica(BadReplicaReport report);

    /**
     * Records copies of a committed chunk that a write did not wait for (its consistency was below strong), once they
     * are durable.
     */
    void recordCopies(CommittedChunk copies);

    /** Sets how many copies a write to the bucket waits for unless it says. */
    BucketInfo setConsistency(String bucket, io.cairn.core.model.Consistency consistency);

    /** Stops new chunks going to the node and has its chunks copied elsewhere; it keeps serving reads meanwhile. */
    NodeView drainNode(String nodeId);

    /** Lets a drained (or draining) node take new chunks again. */
    NodeView enableNode(String nodeId);

    /**
     * Removes a node from the cluster.
     *
     * @throws io.cairn.core.CairnException CONFLICT, naming how many chunks still have their only copy there, unless
     *         the node is drained or has been dead longer than the repair delay
     */
    void removeNode(String nodeId);

    /**
     * Checks every copy of every chunk of a version now (each node re-hashes its copy) and repairs what it finds: bad
     * copies are dropped, missing ones made.
     *
     * @param version null for the latest
     */
    RepairReport repairFile(String bucket, String key, Long version);

    /** Starts moving chunks from the fullest nodes to the emptiest, in the background; says how even they are now. */
    BalanceReport rebalance();

    /** Repair, draining and garbage collection as the controller group's leader sees them. */
    RecoveryStatus recoveryStatus();
}
