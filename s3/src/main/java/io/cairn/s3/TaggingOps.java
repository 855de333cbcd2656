package io.cairn.s3;

import io.cairn.api.MetadataService;
import io.cairn.api.TagUpdate;
import io.cairn.core.model.ObjectVersion;
import java.io.IOException;
import java.util.Map;

/**
 * Get, Put and Delete of the tags of an object version and of a bucket. A put replaces the whole set; a version's
 * tags are set on the version the request names (the latest without a version id), and refused if it is deleted
 * before the change is applied. An object without tags has an empty set; a bucket without tags has none at all
 * (NoSuchTagSet), as in S3.
 */
final class TaggingOps {
    private final MetadataService meta;
    private final ObjectOps objects;

    TaggingOps(MetadataService meta, ObjectOps objects) {
        this.meta = meta;
        this.objects = objects;
    }

    void getObjectTagging(S3Call call, String versionId) throws IOException {
        ObjectVersion version = objects.liveVersion(call, versionId);
        ObjectOps.writeVersionId(call, version);
        call.sendXml(200, TagSets.document(version.tags()));
    }

    void putObjectTagging(S3Call call, String versionId) throws IOException {
        setObjectTags(call, versionId, TagSets.fromBody(call, TagSets.OBJECT_LIMIT));
        call.sendEmpty(200);
    }

    void deleteObjectTagging(S3Call call, String versionId) throws IOException {
        setObjectTags(call, versionId, Map.of());
        call.sendEmpty(204);
    }

    private void setObjectTags(S3Call call, String versionId, Map<String, String> tags) {
        ObjectVersion version = objects.liveVersion(call, versionId);
        meta.setTags(new TagUpdate(call.bucket(), call.key(), version.version(), tags));
        ObjectOps.writeVersionId(call, version);
    }

    void getBucketTagging(S3Call call) throws IOException {
        Map<String, String> tags = meta.bucket(call.bucket()).tags();
        if (tags.isEmpty()) {
            throw new S3Exception(S3Error.NoSuchTagSet, "The TagSet does not exist");
        }
        call.sendXml(200, TagSets.document(tags));
    }

    void putBucketTagging(S3Call call) throws IOException {
        meta.setTags(new TagUpdate(call.bucket(), null, null, TagSets.fromBody(call, TagSets.BUCKET_LIMIT)));
        call.sendEmpty(204);
    }

    void deleteBucketTagging(S3Call call) throws IOException {
        meta.setTags(new TagUpdate(call.bucket(), null, null, Map.of()));
        call.sendEmpty(204);
    }
}
