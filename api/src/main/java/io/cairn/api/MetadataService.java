package io.cairn.api;

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

    VersionList versions(String bucket, String key);

    /** @param version null deletes the key with all its versions */
    DeleteResult delete(String bucket, String key, Long version);

    io.cairn.core.model.ObjectVersion updateMetadata(String bucket, String key, Map<String, String> metadata);

    BucketInfo createBucket(String name);

    void deleteBucket(String name);

    List<BucketInfo> buckets();

    StatusReport status();

    List<NodeView> nodes();

    void reportBadReplica(BadReplicaReport report);
}
