package io.cairn.meta;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cairn.core.ChunkId;
import io.cairn.core.NodeId;
import io.cairn.core.model.Acl;
import io.cairn.core.model.Checksum;
import io.cairn.core.model.Consistency;
import io.cairn.core.model.Copy;
import io.cairn.core.model.ContentInfo;
import io.cairn.core.model.KeyDeletion;
import io.cairn.core.model.NodeRecord;
import io.cairn.core.model.NodeState;
import io.cairn.core.model.ObjectOwnership;
import io.cairn.core.model.PartChoice;
import io.cairn.core.model.PublicAccessBlock;
import io.cairn.core.model.Quota;
import io.cairn.core.model.QuotaScope;
import io.cairn.core.model.Tags;
import io.cairn.core.model.Versioning;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A change to the cluster's metadata, fully decided before it is applied: whoever proposes a command fixes its ids and
 * timestamps ({@code at}, epoch milliseconds), so that applying it reads no clock and every replica reaches the same
 * state. Validation against the current state happens at apply time and turns into an
 * {@link ApplyResult.Rejected}; the constructors only check shape (non-null parts) and copy collections.
 *
 * <p>Renaming a record or one of its components changes the log format ({@link CommandCodec}).
 */
public sealed interface MetaCommand {

    /** Sets the cluster id unless one is set (then a no-op answering the existing id) and creates the default bucket. */
    record InitCluster(String clusterId, long at) implements MetaCommand {
        public InitCluster {
            Objects.requireNonNull(clusterId, "clusterId");
        }
    }

    /**
     * Result: the new {@link io.cairn.core.model.BucketRecord}.
     *
     * @param versioning null (a command logged before the field existed) makes a versioning bucket
     * @param owner     the user creating the bucket, whose quota its contents count against; null for the root user
     *                  and for commands logged before owners were kept
     * @param acl       the bucket's ACL (S3's x-amz-acl and grant headers on CreateBucket), null for the default: its
     *                  owner's full control
     * @param ownership its Object Ownership setting (x-amz-object-ownership), null for none
     */
    record CreateBucket(String name, long at, Versioning versioning, String owner, Acl acl,
                        ObjectOwnership ownership) implements MetaCommand {
        public CreateBucket {
            Objects.requireNonNull(name, "name");
        }

        /** A bucket no user owns (the root user's). */
        public CreateBucket(String name, long at, Versioning versioning) {
            this(name, at, versioning, null, null, null);
        }

        public CreateBucket(String name, long at, Versioning versioning, String owner) {
            this(name, at, versioning, owner, null, null);
        }

        public CreateBucket(String name, long at, Versioning versioning, String owner, Acl acl) {
            this(name, at, versioning, owner, acl, null);
        }
    }

    /**
     * Turns versioning on or suspends it. A versioning bucket can never return to {@link Versioning#UNVERSIONED}
     * (S3's rule: its numbered versions must stay addressable). Result: the updated
     * {@link io.cairn.core.model.BucketRecord}.
     */
    record SetVersioning(String bucket, Versioning versioning) implements MetaCommand {
        public SetVersioning {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(versioning, "versioning");
        }
    }

    /**
     * Sets how many copies a write to the bucket waits for unless it says (null: the cluster's default). Result: the
     * updated {@link io.cairn.core.model.BucketRecord}.
     */
    record SetConsistency(String bucket, Consistency consistency) implements MetaCommand {
        public SetConsistency {
            Objects.requireNonNull(bucket, "bucket");
        }
    }

    /**
     * Sets a bucket's Object Ownership (null removes the setting). {@link ObjectOwnership#BUCKET_OWNER_ENFORCED}
     * disables ACLs, so it is refused while the bucket's ACL grants anyone but its owner. Result: the updated
     * {@link io.cairn.core.model.BucketRecord}.
     */
    record SetOwnership(String bucket, ObjectOwnership ownership) implements MetaCommand {
        public SetOwnership {
            Objects.requireNonNull(bucket, "bucket");
        }
    }

    /**
     * Sets a bucket's Block Public Access settings (null removes them). Applied as they are: what is public already
     * stays, and is refused or ignored from then on. Result: the updated {@link io.cairn.core.model.BucketRecord}.
     */
    record SetPublicAccessBlock(String bucket, PublicAccessBlock block) implements MetaCommand {
        public SetPublicAccessBlock {
            Objects.requireNonNull(bucket, "bucket");
        }
    }

    /** Only an empty bucket can be deleted. Result: the deleted {@link io.cairn.core.model.BucketRecord}. */
    record DeleteBucket(String name) implements MetaCommand {
        public DeleteBucket {
            Objects.requireNonNull(name, "name");
        }
    }

    /** Upsert; the first {@code registeredAt} is kept. Result: the stored {@link NodeRecord}. */
    record RegisterNode(NodeRecord node) implements MetaCommand {
        public RegisterNode {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(node.id(), "node.id");
        }
    }

    /**
     * Makes a new version of {@code key} visible, after all its chunks are durable. Result: the
     * {@link io.cairn.core.model.ObjectVersion}.
     *
     * @param chunks      the file's chunks in order; a chunk may appear more than once
     * @param ifNoneMatch refuse (ALREADY_EXISTS) if the key exists (its latest version is not a delete marker)
     * @param requestId   the client's id for this commit, the same on every retry, or null: a commit whose id was
     *                    applied before (within the last hour) creates nothing and answers the version it created
     * @param content     what the writer computed and verified of the bytes; the version keeps it
     */
    record CommitVersion(String bucket, String key, long size, int chunkSize, int replication, String contentType,
                         Map<String, String> metadata, List<ChunkWrite> chunks, boolean ifNoneMatch, long at,
                         String requestId, ContentInfo content)
            implements MetaCommand {
        public CommitVersion {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(key, "key");
            metadata = sortedCopy(metadata);
            chunks = List.copyOf(chunks);
            content = content == null ? ContentInfo.NONE : content;
        }
    }


    /**
     * One chunk of a {@link CommitVersion}.
     *
     * @param written     the nodes that acknowledged a durable copy for this upload; empty for a chunk the upload did
     *                    not write because the cluster already stores it (dedup)
     * @param generations the generation each of those nodes gave its copy, in the same order; empty when the writer
     *                    did not say (commands logged before generations existed)
     */
    record ChunkWrite(ChunkId id, int size, List<NodeId> written, List<Long> generations) {
        public ChunkWrite {
            Objects.requireNonNull(id, "id");
            written = written == null ? List.of() : List.copyOf(written);
            generations = generations == null ? List.of() : List.copyOf(generations);
            if (!generations.isEmpty() && generations.size() != written.size()) {
                throw new IllegalArgumentException("one generation per written copy");
            }
        }

        /** The generation of the {@code i}th written copy, 0 if unknown. */
        long generation(int i) {
            return generations.isEmpty() ? 0 : generations.get(i);
        }
    }

    /** @param version null for every version of the key. Result: the deleted version numbers, ascending. */
    record DeleteObject(String bucket, String key, Long version) implements MetaCommand {
        public DeleteObject {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * Deletes a key the way S3 does when no version is named, by the bucket's versioning: unversioned, its "null"
     * version goes; versioning, a delete marker becomes the latest version; suspended, the "null" version goes and a
     * delete marker takes its place as the new "null" version. Deleting an absent key is not an error. Result: a
     * {@link KeyDeletion}.
     */
    record DeleteKey(String bucket, String key, long at) implements MetaCommand {
        public DeleteKey {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * Starts a multipart upload of {@code key}. Result: the {@link io.cairn.core.model.UploadRecord}.
     *
     * @param uploadId     decided by the proposer: printable ASCII, unique
     * @param checksumType FULL_OBJECT or COMPOSITE, how the parts' checksums make the object's; null (as in commands
     *                     logged before it existed) for COMPOSITE
     * @param tags         the completed object's tags; empty for none (and then absent, as in commands logged before)
     */
    record CreateUpload(String bucket, String key, String uploadId, long at, String contentType,
                        Map<String, String> metadata, Map<String, String> headers, String checksumAlgorithm,
                        Acl acl, String checksumType,
                        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> tags) implements MetaCommand {
        public CreateUpload {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(uploadId, "uploadId");
            metadata = sortedCopy(metadata);
            headers = sortedCopy(headers);
            tags = Tags.sorted(tags);
        }

        public CreateUpload(String bucket, String key, String uploadId, long at, String contentType,
                            Map<String, String> metadata, Map<String, String> headers, String checksumAlgorithm) {
            this(bucket, key, uploadId, at, contentType, metadata, headers, checksumAlgorithm, null, null, null);
        }

        public CreateUpload(String bucket, String key, String uploadId, long at, String contentType,
                            Map<String, String> metadata, Map<String, String> headers, String checksumAlgorithm,
                            Acl acl) {
            this(bucket, key, uploadId, at, contentType, metadata, headers, checksumAlgorithm, acl, null, null);
        }
    }

    /**
     * Records one part of an open upload after its chunks are durable, replacing an earlier part with its number.
     * Result: the {@link io.cairn.core.model.PartRecord}.
     *
     * @param etag hex MD5 of the part
     */
    record CommitPart(String bucket, String key, String uploadId, int number, long size, String etag,
                      Checksum checksum, List<ChunkWrite> chunks, int replication, long at) implements MetaCommand {
        public CommitPart {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(uploadId, "uploadId");
            chunks = List.copyOf(chunks);
        }
    }

    /**
     * Completes an upload: the named parts, in order, become a new version of the key without copying anything (its
     * chunk list is theirs, and their chunk references pass to it); other parts are released and the upload is gone.
     * Completing an upload again (a retry after a lost reply) answers the version the first completion made.
     * Result: the {@link io.cairn.core.model.ObjectVersion}.
     *
     * @param parts   the parts to use with the ETags the client saw, ascending; all but the last at least 5 MiB
     * @param content the ETag (MD5 of the parts' MD5s, "-" and their count) and checksum of the whole, computed by
     *                the proposer from these parts; conditions on the key (If-None-Match, If-Match)
     */
    record CompleteUpload(String bucket, String key, String uploadId, List<PartChoice> parts, boolean ifNoneMatch,
                          ContentInfo content, long at) implements MetaCommand {
        public CompleteUpload {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(uploadId, "uploadId");
            parts = List.copyOf(parts);
            content = content == null ? ContentInfo.NONE : content;
        }
    }

    /** Abandons an upload and releases its parts. Result: the {@link io.cairn.core.model.UploadRecord}. */
    record AbortUpload(String bucket, String key, String uploadId) implements MetaCommand {
        public AbortUpload {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(uploadId, "uploadId");
        }
    }

    /** Replaces the user metadata of the latest version. Result: the updated {@link io.cairn.core.model.ObjectVersion}. */
    record SetMetadata(String bucket, String key, Map<String, String> metadata) implements MetaCommand {
        public SetMetadata {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(key, "key");
            metadata = sortedCopy(metadata);
        }
    }

    /**
     * Forgets the copy a node was recorded with, because a reader or the node itself found it missing or corrupt.
     * Never the chunk's last copy that counts: a wrong report must not turn a readable chunk into a lost one. Result:
     * the {@link io.cairn.core.model.ChunkRecord} afterwards.
     */
    record DropReplica(ChunkId chunk, NodeId node) implements MetaCommand {
        public DropReplica {
            Objects.requireNonNull(chunk, "chunk");
            Objects.requireNonNull(node, "node");
        }
    }

    /**
     * Records copies made outside an upload (a repair, a move, an adoption of a copy the map did not know), after the
     * node holding each one has made it durable and verified it. A copy on a node that is not on the incarnation
     * named, or that a logged decision is deleting, is not recorded. Result: the
     * {@link io.cairn.core.model.ChunkRecord} afterwards.
     */
    record AddCopies(ChunkId chunk, List<Copy> copies) implements MetaCommand {
        public AddCopies {
            Objects.requireNonNull(chunk, "chunk");
            copies = List.copyOf(copies);
        }
    }

    /**
     * Gives up the copies on {@code nodes} (a trim, a drain or rebalance move once the new copy is recorded): they
     * become doomed, to be deleted by their generation. Rejected unless at least the chunk's replication of other
     * copies that count remain. Result: the {@link io.cairn.core.model.ChunkRecord} afterwards.
     */
    record RetireCopies(ChunkId chunk, List<NodeId> nodes) implements MetaCommand {
        public RetireCopies {
            Objects.requireNonNull(chunk, "chunk");
            nodes = List.copyOf(nodes);
        }
    }

    /**
     * Forgets copies that count nowhere (on an old incarnation of their node's store, or on a removed node): the bytes
     * they stood for are gone with that store. Result: how many were forgotten.
     */
    record ForgetStaleCopies(NodeId node, List<ChunkId> chunks) implements MetaCommand {
        public ForgetStaleCopies {
            Objects.requireNonNull(node, "node");
            chunks = List.copyOf(chunks);
        }
    }

    /**
     * First step of garbage collection: marks the chunks nothing references as condemned at {@code at}; a chunk
     * referenced again meanwhile is left alone (and a later reference revives a condemned one). Result: how many
     * were condemned.
     */
    record CondemnChunks(List<ChunkId> chunks, long at) implements MetaCommand {
        public CondemnChunks {
            chunks = List.copyOf(chunks);
        }
    }

    /**
     * Second step of garbage collection: every copy of each chunk still unreferenced and condemned at or before
     * {@code condemnedBefore} becomes doomed (to be deleted by its generation). Result: how many were collected.
     */
    record CollectChunks(List<ChunkId> chunks, long condemnedBefore) implements MetaCommand {
        public CollectChunks {
            chunks = List.copyOf(chunks);
        }
    }

    /**
     * Copies a node holds that the map does not record on that node (leftovers of failed uploads, copies found
     * again after their record dropped them): doomed, to be deleted by their generation, unless by now the map
     * records a copy of that chunk on the node's current store. Result: how many were doomed.
     *
     * @param incarnation the node's store incarnation the inventory came from; an inventory of another one is ignored
     */
    record DoomOrphans(NodeId node, long incarnation, List<StoredCopy> copies) implements MetaCommand {
        public DoomOrphans {
            Objects.requireNonNull(node, "node");
            copies = List.copyOf(copies);
        }
    }

    /** A chunk file as a node's inventory lists it. */
    record StoredCopy(ChunkId chunk, int size, long generation) {
        public StoredCopy {
            Objects.requireNonNull(chunk, "chunk");
        }
    }

    /**
     * The node no longer holds these doomed copies (it deleted them, or found them gone or rewritten): they are
     * forgotten, and a chunk left with no reference, copy or doomed copy is forgotten too. Each copy's size is the
     * bytes its deletion freed (0 when the file was already gone or newer). Result: the bytes reclaimed.
     */
    record DeletionsDone(NodeId node, List<StoredCopy> copies) implements MetaCommand {
        public DeletionsDone {
            Objects.requireNonNull(node, "node");
            copies = List.copyOf(copies);
        }
    }

    /**
     * Drains a node ({@link NodeState#DRAINING}) or takes it back ({@link NodeState#ACTIVE}). Result: the
     * {@link NodeRecord} afterwards.
     */
    record SetNodeState(NodeId node, NodeState state) implements MetaCommand {
        public SetNodeState {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(state, "state");
        }
    }

    /**
     * Removes a node from the cluster. Refused while a chunk records a copy on the node's current store, unless
     * {@code dead} (the proposer found it dead past the repair delay: its copies are gone with it). Result: the
     * {@link NodeRecord} afterwards.
     */
    record RemoveNode(NodeId node, boolean dead) implements MetaCommand {
        public RemoveNode {
            Objects.requireNonNull(node, "node");
        }
    }

    /**
     * Creates a user, enabled. Rejected if the name is taken or a policy is neither canned
     * ({@link io.cairn.core.model.UserRecord#CANNED_POLICIES}) nor stored. Result: the
     * {@link io.cairn.core.model.UserRecord}.
     */
    record CreateUser(String name, long at, List<String> policies) implements MetaCommand {
        public CreateUser {
            Objects.requireNonNull(name, "name");
            policies = policies == null ? List.of() : List.copyOf(policies);
        }
    }

    /** Result: the {@link io.cairn.core.model.UserRecord} afterwards. */
    record SetUserEnabled(String name, boolean enabled) implements MetaCommand {
        public SetUserEnabled {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * Attaches one policy to a user or detaches it, against the list the user has when the command is applied: two
     * admins changing one user's policies at once both get their change. Attaching one the user has is refused with
     * ALREADY_EXISTS, detaching one it lacks with NOT_FOUND; an attached policy is checked as {@link CreateUser}'s
     * are. Result: the {@link io.cairn.core.model.UserRecord} afterwards.
     */
    record ChangeUserPolicy(String name, String policy, boolean attach) implements MetaCommand {
        public ChangeUserPolicy {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(policy, "policy");
        }
    }

    /**
     * Replaces the user's policies, checked as {@link CreateUser}'s are. Result: the
     * {@link io.cairn.core.model.UserRecord} afterwards.
     */
    record SetUserPolicies(String name, List<String> policies) implements MetaCommand {
        public SetUserPolicies {
            Objects.requireNonNull(name, "name");
            policies = policies == null ? List.of() : List.copyOf(policies);
        }
    }

    /** Deletes a user and its access keys. Result: the deleted {@link io.cairn.core.model.UserRecord}. */
    record DeleteUser(String name) implements MetaCommand {
        public DeleteUser {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * Gives an existing user an access key, enabled. Result: the {@link io.cairn.core.model.AccessKeyRecord}.
     *
     * @param accessKeyId  decided by the proposer: printable ASCII, unique across all users
     * @param sealedSecret sealed by the proposer; opaque here, and left out of {@link #toString()}
     */
    record CreateAccessKey(String accessKeyId, String user, String label, String sealedSecret, long at)
            implements MetaCommand {
        public CreateAccessKey {
            Objects.requireNonNull(accessKeyId, "accessKeyId");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(sealedSecret, "sealedSecret");
        }

        @Override
        public String toString() {
            return "CreateAccessKey[accessKeyId=" + accessKeyId + ", user=" + user + ", label=" + label + ", at=" + at
                    + "]";
        }
    }

    /** Result: the {@link io.cairn.core.model.AccessKeyRecord} afterwards. */
    record SetAccessKeyEnabled(String accessKeyId, boolean enabled) implements MetaCommand {
        public SetAccessKeyEnabled {
            Objects.requireNonNull(accessKeyId, "accessKeyId");
        }
    }

    /** Result: the deleted {@link io.cairn.core.model.AccessKeyRecord}. */
    record DeleteAccessKey(String accessKeyId) implements MetaCommand {
        public DeleteAccessKey {
            Objects.requireNonNull(accessKeyId, "accessKeyId");
        }
    }

    /**
     * Stores a named policy or replaces its document (keeping its creation time). A canned policy's name is refused.
     * Result: the {@link io.cairn.core.model.PolicyRecord}.
     *
     * @param document checked by the proposer; opaque here
     */
    record PutPolicy(String name, String document, long at) implements MetaCommand {
        public PutPolicy {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(document, "document");
        }
    }

    /**
     * Refused while a user has the policy, and for a canned policy. Result: the deleted
     * {@link io.cairn.core.model.PolicyRecord}.
     */
    record DeletePolicy(String name) implements MetaCommand {
        public DeletePolicy {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * Sets or replaces an existing bucket's policy; it goes with the bucket. Result: the document.
     *
     * @param document checked by the proposer; opaque here
     */
    record SetBucketPolicy(String bucket, String document) implements MetaCommand {
        public SetBucketPolicy {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(document, "document");
        }
    }

    /**
     * Sets, replaces or (document null) removes an existing bucket's CORS configuration; it goes with the bucket.
     * Result: whether the bucket had one before (removing none is not an error, as in S3).
     *
     * @param document S3's CORSConfiguration XML, checked and written by the gateway, which alone reads it
     */
    record SetBucketCors(String bucket, String document) implements MetaCommand {
        public SetBucketCors {
            Objects.requireNonNull(bucket, "bucket");
        }
    }

    /**
     * Replaces the ACL of a bucket ({@code key} null) or of one version of an object (S3's PutBucketAcl and
     * PutObjectAcl); the object's owner stays who wrote it, whatever the command says. A public ACL is refused
     * (ACCESS_DENIED) in a bucket whose Block Public Access blocks public ACLs. Result: the ACL now in force (never
     * null).
     *
     * @param version the version, or null for the key's latest (which must not be a delete marker)
     * @param acl     every grant, the owner's too (an ACL may grant its owner nothing: the owner keeps full control)
     */
    record SetAcl(String bucket, String key, Long version, Acl acl) implements MetaCommand {
        public SetAcl {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(acl, "acl");
        }
    }

    /**
     * Replaces the tags of a bucket ({@code key} null) or of one version of an object (S3's Put/DeleteBucketTagging
     * and Put/DeleteObjectTagging); the limits on them are the S3 API's, checked before the command is proposed.
     * Result: the tags now in force.
     *
     * @param version the version, or null for the key's latest (which must not be a delete marker)
     * @param tags    the whole new set; empty removes every tag
     */
    record SetTags(String bucket, String key, Long version, Map<String, String> tags) implements MetaCommand {
        public SetTags {
            Objects.requireNonNull(bucket, "bucket");
            tags = Tags.sorted(tags);
        }
    }

    /** Result: whether the bucket had a policy (deleting none is not an error, as in S3). */
    record DeleteBucketPolicy(String bucket) implements MetaCommand {
        public DeleteBucketPolicy {
            Objects.requireNonNull(bucket, "bucket");
        }
    }

    /**
     * Sets the quota of a bucket or a user; an unlimited one removes it. A quota lower than what is held already is
     * kept: it refuses writes that add, not the data there. Result: the {@link io.cairn.core.model.Usage} held now.
     */
    record SetQuota(QuotaScope scope, String name, Quota quota) implements MetaCommand {
        public SetQuota {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(quota, "quota");
        }
    }

    /**
     * Stores a v2 join token that lets {@code uses} processes join before {@code expiresAt}; tokens expired at
     * {@code at} are deleted on the way, so the unused ones do not pile up. Result: the
     * {@link io.cairn.core.model.JoinTokenRecord}.
     *
     * @param id           decided by the proposer: 8 random bytes as 16 lower-case hex digits
     * @param sealedSecret the token's secret sealed by the proposer under the cluster's master key; opaque here, and
     *                     left out of {@link #toString()}
     */
    record CreateJoinToken(String id, String sealedSecret, long at, long expiresAt, int uses) implements MetaCommand {
        public CreateJoinToken {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(sealedSecret, "sealedSecret");
        }

        @Override
        public String toString() {
            return "CreateJoinToken[id=" + id + ", at=" + at + ", expiresAt=" + expiresAt + ", uses=" + uses + "]";
        }
    }

    /**
     * Spends one use of a join token whose holder proved the secret to the proposer. Decided here, in log order, so
     * two processes racing with a single-use token cannot both join: refused (UNAUTHORIZED, one message whether the
     * token is unknown, expired at {@code at} or used up) unless it exists, {@code at} is before its expiry and it
     * has a use left; deleted with its last use. Result: the {@link io.cairn.core.model.JoinTokenRecord} afterwards.
     */
    record UseJoinToken(String id, long at) implements MetaCommand {
        /** The one answer to a token that cannot be used, whatever the reason: nobody learns which ids exist. */
        public static final String REFUSED = "this join token is unknown, expired or used up: create another with "
                + "`cairn admin join-token`";

        public UseJoinToken {
            Objects.requireNonNull(id, "id");
        }
    }

    /** Sorted so that a command's encoding, and so the log, does not depend on a hash seed. */
    private static Map<String, String> sortedCopy(Map<String, String> map) {
        if (map == null) {
            return Map.of();
        }
        TreeMap<String, String> sorted = new TreeMap<>(map);
        if (sorted.containsValue(null)) {
            throw new NullPointerException("metadata values must not be null");
        }
        return Collections.unmodifiableMap(sorted);
    }
}
