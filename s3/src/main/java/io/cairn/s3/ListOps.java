package io.cairn.s3;

import io.cairn.api.MetadataService;
import io.cairn.core.model.Listing;
import io.cairn.core.model.ObjectHead;
import io.cairn.s3.router.S3Operation;
import io.cairn.s3.xml.XmlWriter;
import java.io.IOException;

/**
 * ListObjects (V1) and ListObjectsV2: one page of {@link MetadataService#listObjects}, which costs O(page) however
 * large the bucket. A V2 continuation token is the position to resume after, encoded; V1's marker is a key.
 */
final class ListOps {
    static final int MAX_KEYS = 1000;

    private final MetadataService meta;

    ListOps(MetadataService meta) {
        this.meta = meta;
    }

    void listV1(S3Call call, S3Operation.ListObjects op) throws IOException {
        int maxKeys = maxKeys(op.maxKeys());
        Listing page = meta.listObjects(call.bucket(), op.prefix(), op.delimiter(), op.marker(), maxKeys);
        boolean url = op.encodingType() != null;
        XmlWriter xml = XmlWriter.document("ListBucketResult")
                .element("Name", call.bucket())
                .element("Prefix", encoded(url, op.prefix() == null ? "" : op.prefix()))
                .element("Marker", encoded(url, op.marker() == null ? "" : op.marker()))
                .element("MaxKeys", maxKeys)
                .element("Delimiter", encoded(url, op.delimiter()))
                .element("EncodingType", op.encodingType())
                .element("IsTruncated", page.next() != null)
                .element("NextMarker", encoded(url, page.next()));
        entries(xml, page, url, true);
        call.sendXml(200, xml);
    }

    void listV2(S3Call call, S3Operation.ListObjectsV2 op) throws IOException {
        int maxKeys = maxKeys(op.maxKeys());
        String after = op.continuationToken() != null ? S3Formats.afterToken(op.continuationToken()) : op.startAfter();
        Listing page = meta.listObjects(call.bucket(), op.prefix(), op.delimiter(), after, maxKeys);
        boolean url = op.encodingType() != null;
        XmlWriter xml = XmlWriter.document("ListBucketResult")
                .element("Name", call.bucket())
                .element("Prefix", encoded(url, op.prefix() == null ? "" : op.prefix()))
                .element("MaxKeys", maxKeys)
                .element("Delimiter", encoded(url, op.delimiter()))
                .element("EncodingType", op.encodingType())
                .element("KeyCount", page.objects().size() + page.prefixes().size())
                .element("IsTruncated", page.next() != null)
                .element("ContinuationToken", op.continuationToken())
                .element("NextContinuationToken", page.next() == null ? null
                        : S3Formats.continuationToken(page.next()))
                .element("StartAfter", encoded(url, op.startAfter()));
        entries(xml, page, url, Boolean.TRUE.equals(op.fetchOwner()));
        call.sendXml(200, xml);
    }

    private static void entries(XmlWriter xml, Listing page, boolean url, boolean owner) {
        for (ObjectHead head : page.objects()) {
            xml.start("Contents")
                    .element("Key", encoded(url, head.key()))
                    .element("LastModified", S3Formats.iso(head.createdAt()))
                    .element("ETag", S3Formats.quoted(etag(head)))
                    .element("Size", head.size())
                    .element("StorageClass", "STANDARD");
            if (owner) {
                Owner.write(xml);
            }
            xml.end();
        }
        for (String prefix : page.prefixes()) {
            xml.start("CommonPrefixes").element("Prefix", encoded(url, prefix)).end();
        }
    }

    /**
     * A key written before ETags were kept lists without one: its head does not hold the chunk ids that GET derives
     * the tag from, and a listing must not cost a read per key.
     */
    private static String etag(ObjectHead head) {
        return head.etag() != null ? head.etag() : "";
    }

    private static int maxKeys(Integer requested) {
        return requested == null ? MAX_KEYS : Math.min(requested, MAX_KEYS);
    }

    private static String encoded(boolean url, String value) {
        return url ? S3Formats.urlEncode(value) : value;
    }
}
