package io.cairn.s3;

import io.cairn.api.MetadataService;
import io.cairn.core.model.Listing;
import io.cairn.core.model.ObjectHead;
import io.cairn.s3.router.S3Operation;
import io.cairn.s3.xml.XmlWriter;
import java.io.IOException;
import java.util.function.UnaryOperator;

/**
 * ListObjects (V1) and ListObjectsV2: one page of {@link MetadataService#listObjects}, which costs O(page) however
 * large the bucket. A V2 continuation token is the position to resume after, encoded; V1's marker is a key.
 */
final class ListOps {
    private static final int MAX_KEYS = 1000;

    private final MetadataService meta;

    ListOps(MetadataService meta) {
        this.meta = meta;
    }

    void listV1(S3Call call, S3Operation.ListObjects op) throws IOException {
        int maxKeys = maxKeys(op.maxKeys());
        Listing page = meta.listObjects(call.bucket(), op.prefix(), op.delimiter(), op.marker(), maxKeys);
        UnaryOperator<String> encoded = S3Formats.encoding(op.encodingType());
        // V1 echoes its prefix as sent, encoded or not: clients decode only what V1 encodes (botocore, by S3's
        // behaviour rather than its documentation), so an encoded prefix would come back to them changed.
        XmlWriter xml = XmlWriter.document("ListBucketResult")
                .element("Name", call.bucket())
                .element("Prefix", op.prefix() == null ? "" : op.prefix())
                .element("Marker", encoded.apply(op.marker() == null ? "" : op.marker()))
                .element("MaxKeys", maxKeys)
                .element("Delimiter", encoded.apply(op.delimiter()))
                .element("EncodingType", op.encodingType())
                .element("IsTruncated", page.next() != null)
                .element("NextMarker", encoded.apply(page.next()));
        entries(xml, page, encoded, Owner.ofBucket(meta, call.bucket()));
        call.sendXml(200, xml);
    }

    void listV2(S3Call call, S3Operation.ListObjectsV2 op) throws IOException {
        int maxKeys = maxKeys(op.maxKeys());
        String after = op.continuationToken() != null && !op.continuationToken().isEmpty()
                ? S3Formats.afterToken(op.continuationToken()) : op.startAfter();
        Listing page = meta.listObjects(call.bucket(), op.prefix(), op.delimiter(), after, maxKeys);
        UnaryOperator<String> encoded = S3Formats.encoding(op.encodingType());
        XmlWriter xml = XmlWriter.document("ListBucketResult")
                .element("Name", call.bucket())
                .element("Prefix", encoded.apply(op.prefix() == null ? "" : op.prefix()))
                .element("MaxKeys", maxKeys)
                .element("Delimiter", encoded.apply(op.delimiter()))
                .element("EncodingType", op.encodingType())
                .element("KeyCount", page.objects().size() + page.prefixes().size())
                .element("IsTruncated", page.next() != null)
                .element("ContinuationToken", op.continuationToken())
                .element("NextContinuationToken", page.next() == null ? null
                        : S3Formats.continuationToken(page.next()))
                .element("StartAfter", encoded.apply(op.startAfter()));
        entries(xml, page, encoded, Boolean.TRUE.equals(op.fetchOwner()) ? Owner.ofBucket(meta, call.bucket()) : null);
        call.sendXml(200, xml);
    }

    /** @param owner the owner to show with each object, or null for none */
    private static void entries(XmlWriter xml, Listing page, UnaryOperator<String> encoded, String owner) {
        for (ObjectHead head : page.objects()) {
            xml.start("Contents")
                    .element("Key", encoded.apply(head.key()))
                    .element("LastModified", S3Formats.iso(head.createdAt()))
                    .element("ETag", S3Formats.quoted(etag(head)))
                    .element("Size", head.size())
                    .element("StorageClass", "STANDARD");
            if (owner != null) {
                Owner.write(xml, owner);
            }
            xml.end();
        }
        for (String prefix : page.prefixes()) {
            xml.start("CommonPrefixes").element("Prefix", encoded.apply(prefix)).end();
        }
    }

    /**
     * A key written before ETags were kept lists without one: its head does not hold the chunk ids that GET derives
     * the tag from, and a listing must not cost a read per key.
     */
    private static String etag(ObjectHead head) {
        return head.etag() != null ? head.etag() : "";
    }

    static int maxKeys(Integer requested) {
        return requested == null ? MAX_KEYS : Math.min(requested, MAX_KEYS);
    }

}
