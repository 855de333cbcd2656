package io.cairn.s3;

import io.cairn.core.model.Checksum;
import io.cairn.core.model.ObjectVersion;
import io.cairn.core.model.PartRef;
import io.cairn.s3.router.S3Operation;
import io.cairn.s3.xml.XmlWriter;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * GetObjectAttributes: what S3 keeps about an object version besides its bytes, only the attributes asked for
 * ({@code x-amz-object-attributes}), and for a multipart object a page of its parts with their sizes and checksums.
 */
final class ObjectAttributesOp {
    private static final int MAX_PARTS = 1000;

    /** The attributes a request may ask for, by their S3 names. */
    enum Attribute {
        ETag, Checksum, ObjectParts, StorageClass, ObjectSize
    }

    private final ObjectOps objects;

    ObjectAttributesOp(ObjectOps objects) {
        this.objects = objects;
    }

    void get(S3Call call, S3Operation.GetObjectAttributes op) throws IOException {
        Set<Attribute> wanted = attributes(call.header("x-amz-object-attributes"));
        int maxParts = Math.min(number(call, "x-amz-max-parts", MAX_PARTS), MAX_PARTS);
        int marker = number(call, "x-amz-part-number-marker", 0);
        ObjectVersion version = objects.version(call, op.versionId());
        ObjectOps.refuseDeleteMarker(call, version, op.versionId());
        call.setHeader("Last-Modified", S3Formats.httpDate(version.createdAt()));
        ObjectOps.writeVersionId(call, version);
        XmlWriter xml = XmlWriter.document("GetObjectAttributesResponse");
        if (wanted.contains(Attribute.ETag)) {
            // Unquoted here, unlike everywhere else S3 shows an ETag.
            xml.element("ETag", version.entityTag());
        }
        Checksum checksum = version.checksum();
        if (wanted.contains(Attribute.Checksum) && checksum != null) {
            xml.start("Checksum")
                    .element(Checksums.element(checksum), Checksums.shown(checksum))
                    .element("ChecksumType", Checksums.type(checksum))
                    .end();
        }
        if (wanted.contains(Attribute.ObjectParts) && !version.parts().isEmpty()) {
            writeParts(xml, version.parts(), marker, maxParts);
        }
        if (wanted.contains(Attribute.StorageClass)) {
            xml.element("StorageClass", "STANDARD");
        }
        if (wanted.contains(Attribute.ObjectSize)) {
            xml.element("ObjectSize", version.size());
        }
        call.sendXml(200, xml);
    }

    /** The parts numbered above {@code marker}, at most {@code max} of them. */
    private static void writeParts(XmlWriter xml, List<PartRef> parts, int marker, int max) {
        List<PartRef> after = parts.stream().filter(p -> p.number() > marker).toList();
        List<PartRef> page = after.subList(0, Math.min(max, after.size()));
        xml.start("ObjectParts")
                .element("PartsCount", parts.size())
                .element("PartNumberMarker", marker)
                .element("NextPartNumberMarker", page.isEmpty() ? null : page.getLast().number())
                .element("MaxParts", max)
                .element("IsTruncated", after.size() > page.size());
        for (PartRef part : page) {
            xml.start("Part");
            if (part.checksum() != null) {
                xml.element(Checksums.element(part.checksum()), part.checksum().value());
            }
            xml.element("PartNumber", part.number())
                    .element("Size", part.size())
                    .end();
        }
        xml.end();
    }

    /** The comma-separated attribute names of {@code x-amz-object-attributes}: at least one, each known. */
    static Set<Attribute> attributes(String header) {
        Set<Attribute> wanted = EnumSet.noneOf(Attribute.class);
        if (header != null && !header.isBlank()) {
            for (String name : header.split(",")) {
                try {
                    wanted.add(Attribute.valueOf(name.strip()));
                } catch (IllegalArgumentException e) {
                    throw new S3Exception(S3Error.InvalidArgument, "Invalid attribute name specified: '"
                            + name.strip() + "'; x-amz-object-attributes lists ETag, Checksum, ObjectParts, "
                            + "StorageClass, ObjectSize");
                }
            }
        }
        if (wanted.isEmpty()) {
            throw new S3Exception(S3Error.InvalidArgument, "The x-amz-object-attributes header specifying the "
                    + "attributes to be retrieved is either missing or empty");
        }
        return wanted;
    }

    private static int number(S3Call call, String header, int absent) {
        String value = call.header(header);
        if (value == null) {
            return absent;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new S3Exception(S3Error.InvalidArgument, header + " must be a non-negative integer, not '" + value
                + "'");
    }
}
