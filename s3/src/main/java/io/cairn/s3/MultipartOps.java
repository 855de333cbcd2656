package io.cairn.s3;

import io.cairn.api.CompleteUploadRequest;
import io.cairn.api.CreateUploadRequest;
import io.cairn.api.Manifest;
import io.cairn.api.MetadataService;
import io.cairn.client.ContentCheck;
import io.cairn.client.ObjectReader;
import io.cairn.client.ObjectUploader;
import io.cairn.client.TransferMemory;
import io.cairn.client.UploadSpec;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.Md5;
import io.cairn.core.model.Checksum;
import io.cairn.core.model.ContentInfo;
import io.cairn.core.model.ObjectVersion;
import io.cairn.core.model.PartChoice;
import io.cairn.core.model.PartLimits;
import io.cairn.core.model.PartRecord;
import io.cairn.core.model.UploadRecord;
import io.cairn.http.ByteRange;
import io.cairn.s3.auth.ChecksumAlgorithm;
import io.cairn.s3.auth.ChecksumValue;
import io.cairn.s3.router.S3Operation;
import io.cairn.s3.xml.XmlBody;
import io.cairn.s3.xml.XmlWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Multipart uploads: create, upload a part (or copy one from an object's range), complete, abort, list parts and
 * list uploads. A part is stored like any upload (chunked, hashed, deduplicated) and recorded with its chunks;
 * completion makes a version of those chunks without copying a byte.
 */
final class MultipartOps {
    private static final int MAX_LISTED = 1000;
    private static final int MAX_COMPLETE_BODY = 2 * 1024 * 1024;
    static final int COPY_PIPE_BYTES = 1 << 20;
    private static final Pattern COPY_RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");

    private final MetadataService meta;
    private final ObjectUploader uploader;
    private final TransferMemory memory;
    private final ObjectReader reader;
    private final ObjectOps objects;
    private final S3Settings settings;

    MultipartOps(MetadataService meta, ObjectUploader uploader, TransferMemory memory, ObjectReader reader,
                 ObjectOps objects, S3Settings settings) {
        this.meta = meta;
        this.uploader = uploader;
        this.memory = memory;
        this.reader = reader;
        this.objects = objects;
        this.settings = settings;
    }

    void create(S3Call call) throws IOException {
        ObjectOps.refuseUnsupportedWriteOptions(call);
        ChecksumAlgorithm algorithm = checksumAlgorithm(call);
        String type = checksumType(call, algorithm);
        UploadRecord upload = meta.createUpload(new CreateUploadRequest(call.bucket(), call.key(),
                ObjectHeaders.contentType(call), ObjectHeaders.userMetadata(call), ObjectHeaders.stored(call),
                algorithm == null ? null : algorithm.name(), objects.objectAcl(call), type,
                TagSets.fromHeader(call.header("x-amz-tagging"))));
        if (algorithm != null) {
            call.setHeader("x-amz-checksum-algorithm", algorithm.name());
            call.setHeader("x-amz-checksum-type", type);
        }
        call.sendXml(200, XmlWriter.document("InitiateMultipartUploadResult")
                .element("Bucket", call.bucket())
                .element("Key", call.key())
                .element("UploadId", upload.uploadId()));
    }

    private static ChecksumAlgorithm checksumAlgorithm(S3Call call) {
        String header = call.header("x-amz-checksum-algorithm");
        if (header == null) {
            return null;
        }
        return ChecksumAlgorithm.forHeaderName("x-amz-checksum-" + header.strip().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new S3Exception(S3Error.InvalidRequest, "Checksum algorithm provided is unsupported. "
                        + "Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]"));
    }

    /**
     * How the parts' checksums will make the object's (x-amz-checksum-type): combined into the checksum of all the
     * bytes (FULL_OBJECT, which only CRCs can be, and the only type of CRC64NVME, hence its default), or the checksum
     * of the parts' checksums (COMPOSITE, the others' default).
     */
    private static String checksumType(S3Call call, ChecksumAlgorithm algorithm) {
        String header = call.header("x-amz-checksum-type");
        if (header == null) {
            return algorithm == null ? null
                    : algorithm == ChecksumAlgorithm.CRC64NVME ? Checksums.FULL_OBJECT : Checksums.COMPOSITE;
        }
        String type = header.strip().toUpperCase(Locale.ROOT);
        if (!type.equals(Checksums.COMPOSITE) && !type.equals(Checksums.FULL_OBJECT)) {
            throw new S3Exception(S3Error.InvalidRequest, "Value for x-amz-checksum-type header is invalid.");
        }
        if (algorithm == null) {
            throw new S3Exception(S3Error.InvalidRequest, "The x-amz-checksum-type header can only be used with the "
                    + "x-amz-checksum-algorithm header.");
        }
        if (type.equals(Checksums.FULL_OBJECT) ? !algorithm.combines() : algorithm == ChecksumAlgorithm.CRC64NVME) {
            throw new S3Exception(S3Error.InvalidRequest, "The " + type + " checksum type cannot be used with the "
                    + algorithm.name().toLowerCase(Locale.ROOT) + " checksum algorithm.");
        }
        return type;
    }

    void uploadPart(S3Call call, S3Operation.UploadPart op) throws IOException {
        UploadRecord upload = meta.upload(call.bucket(), call.key(), op.uploadId());
        long size = ObjectOps.declaredSize(call);
        if (size > PartLimits.MAX_PART_SIZE) {
            throw new S3Exception(S3Error.EntityTooLarge, "Your proposed upload exceeds the maximum allowed size");
        }
        UploadSpec spec = spec(call, upload, ObjectOps.contentCheck(call, null, null, Map.of()));
        PartRecord part;
        try (TransferMemory.Reservation held = ObjectOps.reserveUpload(memory, uploader, call, spec.chunkSize(),
                size, 0)) {
            part = uploader.uploadPart(spec, upload.uploadId(), op.partNumber(), call.body(), size, held);
        }
        requireUploadAlgorithm(upload, part);
        call.setHeader("ETag", S3Formats.quoted(part.etag()));
        if (part.checksum() != null) {
            call.setHeader(Checksums.header(part.checksum()), part.checksum().value());
        }
        call.sendEmpty(200);
    }

    /** An upload that declared a checksum algorithm needs every part to carry that checksum. */
    private static void requireUploadAlgorithm(UploadRecord upload, PartRecord part) {
        if (upload.checksumAlgorithm() != null && part.checksum() != null
                && !upload.checksumAlgorithm().equals(part.checksum().algorithm())) {
            throw new S3Exception(S3Error.InvalidRequest, "the part's checksum is " + part.checksum().algorithm()
                    + " but the upload was created with " + upload.checksumAlgorithm());
        }
    }

    private UploadSpec spec(S3Call call, UploadRecord upload, ContentCheck check) {
        return new UploadSpec(call.bucket(), upload.key(), settings.chunkSize(), 0, upload.contentType(), Map.of(),
                false, PartLimits.MAX_PART_SIZE, check, ObjectHeaders.consistency(call));
    }

    /**
     * A part copied from a range of an object. The bytes pass through the gateway once (the part's ETag is their
     * MD5), but chunks the cluster already stores are not written again.
     */
    void uploadPartCopy(S3Call call, S3Operation.UploadPartCopy op) throws IOException {
        UploadRecord upload = meta.upload(call.bucket(), call.key(), op.uploadId());
        CopySource source = CopySource.parse(call.header("x-amz-copy-source"));
        ObjectVersion from = objects.copySourceVersion(call, source);
        Manifest manifest = meta.manifest(source.bucket(), source.key(), from.version());
        ByteRange range = copyRange(call.header("x-amz-copy-source-range"), from.size());
        if (range.length() > PartLimits.MAX_PART_SIZE) {
            throw new S3Exception(S3Error.EntityTooLarge, "a part is at most 5 GiB");
        }
        if (range.length() > 0) {
            reader.requireLive(manifest, range.start(), range.start() + range.length());
        }
        // One reservation for the three that hold bytes at once: the source's reading, the pipe, the part's upload.
        long uploading = uploader.memory(settings.chunkSize(), range.length())
                + TransferMemory.heapCost(COPY_PIPE_BYTES);
        long reading = range.length() == 0 ? 0 : reader.memory(manifest, range.start(), range.start() + range.length(),
                Math.max(0, memory.capacity() - uploading));
        try (TransferMemory.Reservation held = memory.reserve(reading + uploading, true, "part copy")) {
            copyPart(call, op, upload, manifest, range, reading, held);
        }
    }

    private void copyPart(S3Call call, S3Operation.UploadPartCopy op, UploadRecord upload, Manifest manifest,
                          ByteRange range, long readMemory, TransferMemory.Reservation held) throws IOException {
        PipedInputStream in = new PipedInputStream(COPY_PIPE_BYTES);
        PipedOutputStream out = new PipedOutputStream(in);
        // The reader writes into the pipe on its own thread; if the part's upload fails, closing the pipe's read end
        // makes the writer's next write fail, so it never waits for a reader that is gone.
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            try (out) {
                reader.copy(manifest, range.start(), range.start() + range.length(), out, readMemory);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, Thread.ofVirtual()::start);
        // The reading's buffers are its own until its copy returns, which may be after the upload failed.
        held.holdUntil(reading);
        // The pipe ends the same way whether the source was read whole or its reading failed midway: the part may
        // be recorded only once the reading is known to have succeeded.
        ContentCheck copiedWhole = md5 -> {
            try {
                reading.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
            return ContentCheck.ETAG_ONLY.verify(md5);
        };
        PartRecord part;
        try (InputStream body = in) {
            UploadSpec spec = spec(call, upload, copiedWhole);
            part = uploader.uploadPart(spec, upload.uploadId(), op.partNumber(), body, range.length(), held);
        }
        call.sendXml(200, XmlWriter.document("CopyPartResult")
                .element("ETag", S3Formats.quoted(part.etag()))
                .element("LastModified", S3Formats.iso(part.createdAt())));
    }

    private static ByteRange copyRange(String header, long size) {
        if (header == null) {
            return new ByteRange(0, size);
        }
        Matcher m = COPY_RANGE.matcher(header.strip());
        if (!m.matches()) {
            throw new S3Exception(S3Error.InvalidArgument, "The x-amz-copy-source-range value must be of the form "
                    + "bytes=first-last where first and last are the zero-based offsets of the first and last bytes "
                    + "to copy");
        }
        long first = Long.parseLong(m.group(1));
        long last = Long.parseLong(m.group(2));
        if (first > last || last >= size) {
            throw new S3Exception(S3Error.InvalidRange, "The requested range is not satisfiable");
        }
        return new ByteRange(first, last - first + 1);
    }

    void complete(S3Call call, S3Operation.CompleteMultipartUpload op) throws IOException {
        XmlBody body = call.xmlBody(MAX_COMPLETE_BODY);
        if (body == null || !"CompleteMultipartUpload".equals(body.rootName())) {
            throw new S3Exception(S3Error.MalformedXML, "expected a CompleteMultipartUpload element");
        }
        List<PartChoice> choices = new ArrayList<>();
        Map<Integer, Checksum> stated = new HashMap<>();
        for (XmlBody part : body.children("Part")) {
            String number = part.trimmed("PartNumber");
            String etag = part.trimmed("ETag");
            if (number == null || etag == null) {
                throw new S3Exception(S3Error.MalformedXML, "every Part needs a PartNumber and an ETag");
            }
            try {
                PartChoice choice = new PartChoice(Integer.parseInt(number), Preconditions.unquote(etag));
                // A part named again right after itself was sent again: its later ETag is the one that counts (a
                // client that re-sent a part appends what the second send answered, as Ceph accepts).
                if (!choices.isEmpty() && choices.getLast().number() == choice.number()) {
                    choices.removeLast();
                }
                choices.add(choice);
            } catch (NumberFormatException e) {
                throw new S3Exception(S3Error.MalformedXML, "PartNumber must be an integer");
            }
            for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
                String value = part.trimmed("Checksum" + algorithm.name());
                if (value != null) {
                    stated.put(choices.getLast().number(), new Checksum(algorithm.name(), value, 0));
                }
            }
        }
        if (choices.isEmpty() || choices.size() > PartLimits.MAX_PARTS) {
            throw new S3Exception(S3Error.MalformedXML, "a completion names 1 to " + PartLimits.MAX_PARTS + " parts");
        }
        ContentInfo content = wholeContent(call, op.uploadId(), choices, stated, Preconditions.writeIfMatch(call));
        ObjectVersion version = meta.completeUpload(new CompleteUploadRequest(call.bucket(), call.key(),
                op.uploadId(), choices, ObjectOps.ifNoneMatchAll(call), content));
        ObjectOps.writeVersionId(call, version);
        XmlWriter xml = XmlWriter.document("CompleteMultipartUploadResult")
                .element("Location", "/" + call.bucket() + "/" + call.key())
                .element("Bucket", call.bucket())
                .element("Key", call.key())
                .element("ETag", S3Formats.quoted(version.etag()));
        Checksum checksum = version.checksum();
        if (checksum != null) {
            xml.element(Checksums.element(checksum), Checksums.shown(checksum))
                    .element("ChecksumType", Checksums.type(checksum));
        }
        call.sendXml(200, xml);
    }

    /**
     * The ETag (MD5 of the parts' MD5s, then "-" and their count) and checksum of the object the parts will make,
     * after the checksums the completion states (of parts, of the whole) are found to be theirs. If the upload is gone
     * this may be a retried completion: the controller answers that from its record.
     *
     * @param stated the checksums the completion's Part elements give, by part number
     */
    private ContentInfo wholeContent(S3Call call, String uploadId, List<PartChoice> choices,
                                     Map<Integer, Checksum> stated, String ifMatch) {
        UploadRecord upload;
        Map<Integer, PartRecord> stored = new HashMap<>();
        try {
            upload = meta.upload(call.bucket(), call.key(), uploadId);
            int after = 0;
            List<PartRecord> page;
            do {
                page = meta.parts(call.bucket(), call.key(), uploadId, after, MAX_LISTED);
                page.forEach(p -> stored.put(p.number(), p));
                after = page.isEmpty() ? after : page.getLast().number();
            } while (page.size() == MAX_LISTED);
        } catch (CairnException e) {
            if (e.code() == ErrorCode.NO_SUCH_UPLOAD) {
                return new ContentInfo(null, null, null, ifMatch);
            }
            throw e;
        }
        List<ChecksumValue> checksums = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        for (PartChoice choice : choices) {
            PartRecord part = stored.get(choice.number());
            if (part == null || !part.etag().equals(choice.etag())) {
                throw new S3Exception(S3Error.InvalidPart, "One or more of the specified parts could not be found. "
                        + "The part may not have been uploaded, or the specified entity tag may not match the part's "
                        + "entity tag.");
            }
            Checksum statedChecksum = stated.get(choice.number());
            if (statedChecksum != null && !statedChecksum.equals(part.checksum())) {
                throw new S3Exception(S3Error.InvalidPart, "The " + statedChecksum.algorithm() + " checksum given "
                        + "for part " + choice.number() + " is not the checksum of the part uploaded.");
            }
            if (part.checksum() != null) {
                checksums.add(new ChecksumValue(ChecksumAlgorithm.valueOf(part.checksum().algorithm()),
                        part.checksum().value()));
                sizes.add(part.size());
            }
        }
        String etag = Md5.ofParts(choices.stream().map(PartChoice::etag).toList());
        Checksum whole = upload.checksumAlgorithm() == null ? null : wholeChecksum(upload, checksums, sizes);
        requireStatedChecksum(call, upload, whole);
        return new ContentInfo(etag, whole, null, ifMatch);
    }

    /** The object's checksum, of its upload's algorithm and type, from the checksums of all its parts. */
    private static Checksum wholeChecksum(UploadRecord upload, List<ChecksumValue> parts, List<Long> sizes) {
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.valueOf(upload.checksumAlgorithm());
        if (parts.size() != sizes.size() || parts.stream().anyMatch(p -> p.algorithm() != algorithm)) {
            throw new S3Exception(S3Error.InvalidRequest, "every part of an upload with a checksum algorithm "
                    + "needs that checksum");
        }
        if (type(upload).equals(Checksums.FULL_OBJECT)) {
            return new Checksum(algorithm.name(), algorithm.fullObject(parts, sizes).base64(), 0);
        }
        String composite = algorithm.composite(parts).base64();
        return new Checksum(algorithm.name(), composite.substring(0, composite.lastIndexOf('-')), parts.size());
    }

    /** An upload's checksum type; records without one were all COMPOSITE. */
    private static String type(UploadRecord upload) {
        return upload.checksumType() == null ? Checksums.COMPOSITE : upload.checksumType();
    }

    /**
     * A completion may state the object's checksum (x-amz-checksum-*, with or without a COMPOSITE one's "-N") and
     * type (x-amz-checksum-type): one that is not what the parts make is a BadDigest, as S3 answers.
     */
    private static void requireStatedChecksum(S3Call call, UploadRecord upload, Checksum whole) {
        String type = call.header("x-amz-checksum-type");
        if (type != null && (whole == null || !type.strip().equalsIgnoreCase(type(upload)))) {
            throw new S3Exception(S3Error.BadDigest, "The x-amz-checksum-type " + type.strip() + " is not the type "
                    + "the upload was created with (" + (whole == null ? "none" : type(upload)) + ").");
        }
        for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
            String value = call.header(algorithm.headerName());
            if (value == null) {
                continue;
            }
            if (whole == null || !whole.algorithm().equals(algorithm.name())) {
                throw new S3Exception(S3Error.InvalidRequest, "The upload was created using "
                        + (whole == null ? "no checksum algorithm" : "the " + whole.algorithm() + " checksum algorithm")
                        + " but the completion states a " + algorithm.name() + " checksum.");
            }
            if (!value.strip().equals(whole.value()) && !value.strip().equals(Checksums.shown(whole))) {
                throw new S3Exception(S3Error.BadDigest, "The " + algorithm.headerName() + " you specified did not "
                        + "match the calculated checksum.");
            }
        }
    }

    void abort(S3Call call, S3Operation.AbortMultipartUpload op) throws IOException {
        meta.abortUpload(call.bucket(), call.key(), op.uploadId());
        call.sendEmpty(204);
    }

    void listParts(S3Call call, S3Operation.ListParts op) throws IOException {
        int max = op.maxParts() == null ? MAX_LISTED : Math.min(op.maxParts(), MAX_LISTED);
        int marker = op.partNumberMarker() == null ? 0 : op.partNumberMarker();
        UploadRecord upload = meta.upload(call.bucket(), call.key(), op.uploadId());
        List<PartRecord> page = meta.parts(call.bucket(), call.key(), op.uploadId(), marker, max + 1);
        boolean truncated = page.size() > max;
        List<PartRecord> parts = truncated ? page.subList(0, max) : page;
        XmlWriter xml = XmlWriter.document("ListPartsResult")
                .element("Bucket", call.bucket())
                .element("Key", call.key())
                .element("UploadId", op.uploadId())
                .element("PartNumberMarker", marker)
                .element("NextPartNumberMarker", parts.isEmpty() ? null : parts.getLast().number())
                .element("MaxParts", max)
                .element("IsTruncated", truncated)
                .element("StorageClass", "STANDARD")
                .element("ChecksumAlgorithm", upload.checksumAlgorithm())
                .element("ChecksumType", upload.checksumAlgorithm() == null ? null : type(upload));
        String owner = owner(upload, Owner.ofBucket(meta, call.bucket()));
        Owner.writeAs(xml, "Initiator", owner);
        Owner.write(xml, owner);
        for (PartRecord part : parts) {
            xml.start("Part")
                    .element("PartNumber", part.number())
                    .element("LastModified", S3Formats.iso(part.createdAt()))
                    .element("ETag", S3Formats.quoted(part.etag()))
                    .element("Size", part.size());
            if (part.checksum() != null) {
                xml.element("Checksum" + part.checksum().algorithm(), part.checksum().value());
            }
            xml.end();
        }
        call.sendXml(200, xml);
    }

    /** Who began an upload and will own its object: the writer a user was, else the bucket's owner. */
    private static String owner(UploadRecord upload, String bucketOwner) {
        return upload.acl() != null && upload.acl().owner() != null ? upload.acl().owner() : bucketOwner;
    }

    void listUploads(S3Call call, S3Operation.ListMultipartUploads op) throws IOException {
        int max = op.maxUploads() == null ? MAX_LISTED : Math.min(op.maxUploads(), MAX_LISTED);
        List<UploadRecord> page = meta.uploads(call.bucket(), op.prefix(), op.keyMarker(), op.uploadIdMarker(),
                max + 1);
        boolean truncated = page.size() > max;
        List<UploadRecord> uploads = truncated ? page.subList(0, max) : page;
        UnaryOperator<String> encoded = S3Formats.encoding(op.encodingType());
        String bucketOwner = Owner.ofBucket(meta, call.bucket());
        XmlWriter xml = XmlWriter.document("ListMultipartUploadsResult")
                .element("Bucket", call.bucket())
                .element("KeyMarker", encoded.apply(op.keyMarker() == null ? "" : op.keyMarker()))
                .element("UploadIdMarker", op.uploadIdMarker() == null ? "" : op.uploadIdMarker())
                .element("NextKeyMarker", uploads.isEmpty() ? null : encoded.apply(uploads.getLast().key()))
                .element("NextUploadIdMarker", uploads.isEmpty() ? null : uploads.getLast().uploadId())
                .element("Prefix", encoded.apply(op.prefix()))
                .element("Delimiter", encoded.apply(op.delimiter()))
                .element("MaxUploads", max)
                .element("EncodingType", op.encodingType())
                .element("IsTruncated", truncated);
        List<String> prefixes = new ArrayList<>();
        String prefix = op.prefix() == null ? "" : op.prefix();
        for (UploadRecord upload : uploads) {
            int at = op.delimiter() == null || op.delimiter().isEmpty() ? -1
                    : upload.key().indexOf(op.delimiter(), prefix.length());
            if (at >= 0) {
                String group = upload.key().substring(0, at + op.delimiter().length());
                if (prefixes.isEmpty() || !prefixes.getLast().equals(group)) {
                    prefixes.add(group);
                }
                continue;
            }
            xml.start("Upload")
                    .element("Key", encoded.apply(upload.key()))
                    .element("UploadId", upload.uploadId());
            String owner = owner(upload, bucketOwner);
            Owner.writeAs(xml, "Initiator", owner);
            Owner.write(xml, owner);
            xml.element("StorageClass", "STANDARD")
                    .element("Initiated", S3Formats.iso(upload.initiatedAt()))
                    .element("ChecksumAlgorithm", upload.checksumAlgorithm())
                    .end();
        }
        for (String group : prefixes) {
            xml.start("CommonPrefixes").element("Prefix", encoded.apply(group)).end();
        }
        call.sendXml(200, xml);
    }

}
