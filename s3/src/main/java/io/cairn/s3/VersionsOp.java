package io.cairn.s3;

import io.cairn.api.MetadataService;
import io.cairn.api.VersionInfo;
import io.cairn.core.model.VersionListing;
import io.cairn.core.model.VersionSummary;
import io.cairn.s3.router.S3Operation;
import io.cairn.s3.xml.XmlWriter;
import java.io.IOException;
import java.util.function.UnaryOperator;

/** ListObjectVersions: one page of a bucket's versions and delete markers, each key's newest first. */
final class VersionsOp {
    private final MetadataService meta;
    private final ObjectOps objects;

    VersionsOp(MetadataService meta, ObjectOps objects) {
        this.meta = meta;
        this.objects = objects;
    }

    private static String versionId(VersionSummary version) {
        return S3Formats.versionId(version.version(), version.nullVersion());
    }

    /**
     * Where a page resumes: the marker is a position, not a reference, so a version deleted since the previous page
     * still names one (S3 continues; clients delete what they list, page by page). A numbered version is its own
     * position; the key's null version, once gone, has no number left, so the page resumes at the key's newest
     * version: what was listed before may come again, but nothing older is skipped.
     */
    private long markerPosition(String bucket, String key, String versionIdMarker) {
        if (versionIdMarker.equals("null")) {
            return objects.findVersion(bucket, key, versionIdMarker).map(VersionInfo::version).orElse(Long.MAX_VALUE);
        }
        return objects.versionNumber(bucket, key, versionIdMarker);
    }

    void list(S3Call call, S3Operation.ListObjectVersions op) throws IOException {
        int maxKeys = ListOps.maxKeys(op.maxKeys());
        long afterVersion = 0;
        if (op.keyMarker() != null && op.versionIdMarker() != null) {
            afterVersion = markerPosition(call.bucket(), op.keyMarker(), op.versionIdMarker());
        }
        VersionListing page = meta.listVersions(call.bucket(), op.prefix(), op.delimiter(), op.keyMarker(),
                afterVersion, maxKeys);
        UnaryOperator<String> encoded = S3Formats.encoding(op.encodingType());
        String owner = Owner.ofBucket(meta, call.bucket());
        XmlWriter xml = XmlWriter.document("ListVersionsResult")
                .element("Name", call.bucket())
                .element("Prefix", encoded.apply(op.prefix() == null ? "" : op.prefix()))
                .element("KeyMarker", encoded.apply(op.keyMarker() == null ? "" : op.keyMarker()))
                .element("VersionIdMarker", op.versionIdMarker() == null ? "" : op.versionIdMarker())
                .element("MaxKeys", maxKeys)
                .element("Delimiter", encoded.apply(op.delimiter()))
                .element("EncodingType", op.encodingType())
                .element("IsTruncated", page.nextKey() != null);
        if (page.nextKey() != null) {
            xml.element("NextKeyMarker", encoded.apply(page.nextKey()));
            if (page.nextVersion() != 0) {
                xml.element("NextVersionIdMarker", versionId(page.versions().getLast()));
            }
        }
        for (VersionSummary version : page.versions()) {
            xml.start(version.deleteMarker() ? "DeleteMarker" : "Version")
                    .element("Key", encoded.apply(version.key()))
                    .element("VersionId", versionId(version))
                    .element("IsLatest", version.latest())
                    .element("LastModified", S3Formats.iso(version.createdAt()));
            if (!version.deleteMarker()) {
                xml.element("ETag", S3Formats.quoted(version.etag()))
                        .element("Size", version.size())
                        .element("StorageClass", "STANDARD");
            }
            Owner.write(xml, owner);
            xml.end();
        }
        for (String prefix : page.prefixes()) {
            xml.start("CommonPrefixes").element("Prefix", encoded.apply(prefix)).end();
        }
        call.sendXml(200, xml);
    }
}
