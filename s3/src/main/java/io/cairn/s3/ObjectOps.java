package io.cairn.s3;

import io.cairn.api.BucketInfo;
import io.cairn.api.CommitRequest;
import io.cairn.api.CommittedChunk;
import io.cairn.api.Manifest;
import io.cairn.api.MetadataService;
import io.cairn.api.VersionInfo;
import io.cairn.auth.CannedAcl;
import io.cairn.client.ContentCheck;
import io.cairn.client.ObjectReader;
import io.cairn.client.ObjectUploader;
import io.cairn.client.UploadResult;
import io.cairn.client.TransferMemory;
import io.cairn.client.UploadSpec;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.model.Checksum;
import io.cairn.core.model.Acl;
import io.cairn.core.model.ContentInfo;
import io.cairn.core.model.KeyDeletion;
import io.cairn.core.model.ObjectOwnership;
import io.cairn.core.model.ObjectVersion;
import io.cairn.http.ByteRange;
import io.cairn.s3.auth.ChecksumValue;
import io.cairn.s3.auth.VerifiedBody;
import io.cairn.s3.xml.XmlWriter;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** PutObject, GetObject, HeadObject, DeleteObject and CopyObject over the object service. */
final class ObjectOps {
    /** S3's limit for one PUT; larger objects go through a multipart upload. */
    static final long MAX_PUT_SIZE = 5L << 30;
    private static final Set<String> STORAGE_CLASSES = Set.of("STANDARD", "REDUCED_REDUNDANCY");
    private static final Set<String> RESPONSE_OVERRIDES = Set.of("content-type", "content-language", "expires",
            "cache-control", "content-disposition", "content-encoding");

    private final MetadataService meta;
    private final ObjectUploader uploader;
    private final TransferMemory memory;
    private final ObjectReader reader;
    private final S3Settings settings;

    ObjectOps(MetadataService meta, ObjectUploader uploader, TransferMemory memory, ObjectReader reader,
              S3Settings settings) {
        this.meta = meta;
        this.uploader = uploader;
        this.memory = memory;
        this.reader = reader;
        this.settings = settings;
    }

    // ---- PUT -----------------------------------------------------------------------------------------------------

    void put(S3Call call) throws IOException {
        UploadSpec spec = spec(call, ObjectHeaders.userMetadata(call));
        long size = declaredSize(call);
        if (size > spec.maxSize()) {
            throw new S3Exception(S3Error.EntityTooLarge, "Your proposed upload exceeds the maximum allowed size");
        }
        if (size < 0 || size > settings.chunkSize()) {
            // Refuse before reading a large body when the cluster cannot place it (too few healthy nodes).
            uploader.checkPlaceable(spec);
        }
        UploadResult result;
        try (TransferMemory.Reservation held = reserveUpload(memory, uploader, call, spec.chunkSize(), size, 0)) {
            result = uploader.upload(spec, call.body(), size, held);
        }
        writeStored(call, result.version());
        call.sendEmpty(200);
    }

    /**
     * What a write stores, as its headers ask (for a POST form, its fields stand for them): refused here, before a
     * byte of the body is read, if they ask for what Cairn does not do.
     */
    UploadSpec spec(S3Call call, Map<String, String> metadata) {
        refuseUnsupportedWriteOptions(call);
        Acl acl = objectAcl(call);
        Map<String, String> tags = TagSets.fromHeader(call.header("x-amz-tagging"));
        return new UploadSpec(call.bucket(), call.key(), settings.chunkSize(), 0, ObjectHeaders.contentType(call),
                metadata, ifNoneMatchAll(call), Math.min(MAX_PUT_SIZE, settings.maxObjectSize()),
                contentCheck(call, Preconditions.writeIfMatch(call), acl, tags), ObjectHeaders.consistency(call));
    }

    /** The headers every stored object is answered with: its ETag, version and checksum. */
    static void writeStored(S3Call call, ObjectVersion version) {
        call.setHeader("ETag", S3Formats.quoted(version.etag()));
        writeVersionId(call, version);
        if (version.checksum() != null) {
            call.setHeader(Checksums.header(version.checksum()), version.checksum().value());
        }
    }

    /**
     * Reserves what an upload of this body holds at most, its chunk buffers and its body's decoding, before a byte of
     * the body is read; waits its turn, or is refused with SlowDown (503, Retry-After) when the gateway stays busy.
     * An aws-chunk larger than usual takes more memory only if it is free at once, else the upload is refused the
     * same way.
     *
     * @param parsing what reading the body holds beyond that (a form's parser)
     */
    static TransferMemory.Reservation reserveUpload(TransferMemory memory, ObjectUploader uploader, S3Call call,
                                                    int chunkSize, long size, long parsing) {
        VerifiedBody body = call.body();
        TransferMemory.Reservation held = memory.reserve(uploader.memory(chunkSize, size) + body.memory() + parsing,
                true, "upload");
        body.limitMemory(extra -> {
            if (!held.tryGrow(extra)) {
                throw new CairnException(ErrorCode.UNAVAILABLE, "an aws-chunk of " + extra + " bytes more than usual "
                        + "does not fit in the gateway's transfer memory now; retry later, or send chunks of at most "
                        + "1 MiB", TransferMemory.RETRY_AFTER);
            }
        });
        return held;
    }

    /**
     * What an upload checks once its body is read (Content-MD5, a declared checksum, already verified by the body)
     * and keeps: the MD5 as ETag, the checksum, the standard headers, and the ACL and tags given.
     */
    static ContentCheck contentCheck(S3Call call, String ifMatch, Acl acl, Map<String, String> tags) {
        byte[] contentMd5 = contentMd5(call);
        Map<String, String> stored = ObjectHeaders.stored(call);
        return md5 -> {
            if (contentMd5 != null && !MessageDigest.isEqual(contentMd5, md5)) {
                throw new S3Exception(S3Error.BadDigest, "The Content-MD5 you specified did not match what we "
                        + "received.");
            }
            return new ContentInfo(HexFormat.of().formatHex(md5), checksum(call), stored, ifMatch, acl, tags);
        };
    }

    /**
     * The ACL of an object a request writes: what its headers ask for, owned by the writer. A user's object records
     * its writer even with no ACL asked for (the default: the writer's full control), as the writer owns it; the
     * root user's and an anonymous writer's objects without one belong to the bucket's owner (null). The bucket's
     * Object Ownership may give the object to its owner instead: always when ACLs are disabled (which refuses an ACL
     * but bucket-owner-full-control), or when the writer asks for bucket-owner-full-control and the bucket prefers
     * its owner. A public ACL is refused where the bucket's Block Public Access blocks them.
     */
    Acl objectAcl(S3Call call) {
        String writer = Owner.of(call.exchange().caller());
        boolean asked = AclRequests.asked(call);
        if (!asked && (writer == null || writer.equals(Owner.ROOT))) {
            return null;
        }
        BucketInfo bucket = meta.bucket(call.bucket());
        boolean toBucketOwner = AclRequests.asksNothingBut(call, Set.of(CannedAcl.BUCKET_OWNER_FULL_CONTROL));
        if (bucket.ownership() == ObjectOwnership.BUCKET_OWNER_ENFORCED) {
            if (!toBucketOwner) {
                throw aclsDisabled();
            }
            return null;
        }
        if (asked && toBucketOwner && bucket.ownership() == ObjectOwnership.BUCKET_OWNER_PREFERRED) {
            return null;
        }
        Acl acl = AclRequests.fromHeaders(call, writer, () -> Owner.id(bucket.owner()));
        PublicAccessBlockOps.requireAclAllowed(bucket, acl);
        return acl != null ? acl : new Acl(writer, List.of(Acl.Grant.toUser(writer, Acl.Permission.FULL_CONTROL)));
    }

    static S3Exception aclsDisabled() {
        return new S3Exception(S3Error.AccessControlListNotSupported, "The bucket does not allow ACLs");
    }

    /** Options S3 has that Cairn would otherwise silently not honour: refused, never a wrong success. */
    static void refuseUnsupportedWriteOptions(S3Call call) {
        String storageClass = call.header("x-amz-storage-class");
        if (storageClass != null && !STORAGE_CLASSES.contains(storageClass.strip())) {
            throw new S3Exception(S3Error.InvalidStorageClass, "The storage class you specified is not valid");
        }
        EncryptionHeaders.refuseOnWrite(call);
        for (String header : List.of("x-amz-object-lock-mode", "x-amz-object-lock-legal-hold",
                "x-amz-website-redirect-location")) {
            if (call.header(header) != null) {
                throw new S3Exception(S3Error.NotImplemented, "Cairn does not support " + header);
            }
        }
    }

    static boolean ifNoneMatchAll(S3Call call) {
        String ifNoneMatch = call.header("if-none-match");
        if (ifNoneMatch == null) {
            return false;
        }
        if (!ifNoneMatch.strip().equals("*")) {
            throw new S3Exception(S3Error.NotImplemented, "a write's If-None-Match can only be '*'");
        }
        return true;
    }

    /** The object's size as the client declared it, -1 if it did not (a chunked transfer). */
    static long declaredSize(S3Call call) {
        String decoded = call.header("x-amz-decoded-content-length");
        String length = decoded != null ? decoded : call.header("content-length");
        if (length == null) {
            // Without a length nor chunks the request has no body: storing an empty object would lose what the
            // client meant to send.
            if (call.header("transfer-encoding") == null) {
                throw new S3Exception(S3Error.MissingContentLength, "You must provide the Content-Length HTTP "
                        + "header.");
            }
            return -1;
        }
        try {
            long size = Long.parseLong(length.strip());
            if (size < 0) {
                throw new NumberFormatException();
            }
            return size;
        } catch (NumberFormatException e) {
            throw new S3Exception(S3Error.InvalidArgument, "the content length '" + length + "' is not a size");
        }
    }

    private static byte[] contentMd5(S3Call call) {
        String header = call.header("content-md5");
        if (header == null) {
            return null;
        }
        try {
            byte[] md5 = Base64.getDecoder().decode(header.strip());
            if (md5.length == 16) {
                return md5;
            }
        } catch (IllegalArgumentException notBase64) {
            // refused below
        }
        throw new S3Exception(S3Error.InvalidDigest, "The Content-MD5 you specified is not valid.");
    }

    private static Checksum checksum(S3Call call) {
        return call.body().checksum().map(ObjectOps::stored).orElse(null);
    }

    static Checksum stored(ChecksumValue value) {
        return new Checksum(value.algorithm().name(), value.base64(), 0);
    }

    // ---- GET and HEAD --------------------------------------------------------------------------------------------

    void get(S3Call call, String versionId, Integer partNumber, boolean headOnly) throws IOException {
        EncryptionHeaders.refuseOnRead(call);
        Manifest manifest;
        try {
            manifest = meta.manifest(call.bucket(), call.key(), versionNumber(call, versionId));
        } catch (CairnException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                // As S3 answers for a key with no version at all: what is missing is not a delete marker.
                call.setHeader("x-amz-delete-marker", "false");
            }
            throw e;
        }
        ObjectVersion version = manifest.version();
        refuseDeleteMarker(call, version, versionId);
        String etag = version.entityTag();
        call.setHeader("ETag", S3Formats.quoted(etag));
        call.setHeader("Last-Modified", S3Formats.httpDate(version.createdAt()));
        if (Preconditions.evaluate(call::header, "", etag, version.createdAt())
                == Preconditions.Outcome.NOT_MODIFIED) {
            call.sendEmpty(304);
            return;
        }
        Optional<ByteRange> range = range(call, version, partNumber);
        long from = range.map(ByteRange::start).orElse(0L);
        long length = range.map(ByteRange::length).orElse(version.size());
        // Before the response's headers: a download that needs a chunk with no live copy answers ServiceUnavailable,
        // one refused for want of memory SlowDown, not the object's (a failure after the first byte cuts the
        // connection).
        if (!headOnly && length > 0) {
            reader.requireLive(manifest, from, from + length);
        }
        try (TransferMemory.Reservation held = headOnly || length == 0 ? TransferMemory.none()
                : memory.reserve(reader.memory(manifest, from, from + length, memory.capacity()), false, "download")) {
            send(call, manifest, range, shownChecksum(call, version, partNumber, range), from, length, headOnly,
                    held);
        }
    }

    /**
     * A read of a delete marker: NoSuchKey for the latest version, MethodNotAllowed for one named by its id, either
     * saying what it is.
     */
    static void refuseDeleteMarker(S3Call call, ObjectVersion version, String versionId) {
        if (!version.deleteMarker()) {
            return;
        }
        call.setHeader("x-amz-delete-marker", "true");
        writeVersionId(call, version);
        if (versionId == null) {
            throw new S3Exception(S3Error.NoSuchKey, "The specified key does not exist.");
        }
        call.setHeader("Allow", "DELETE");
        throw new S3Exception(S3Error.MethodNotAllowed, "The specified method is not allowed against this "
                + "resource.");
    }

    /**
     * The checksum a read shows when asked ({@code x-amz-checksum-mode: ENABLED}): the object's for the whole of it,
     * a part's for that part of a multipart object, none for a range.
     */
    private static Checksum shownChecksum(S3Call call, ObjectVersion version, Integer partNumber,
                                          Optional<ByteRange> range) {
        if (!"ENABLED".equalsIgnoreCase(call.header("x-amz-checksum-mode"))) {
            return null;
        }
        if (partNumber != null && !version.parts().isEmpty()) {
            return version.parts().get(partNumber - 1).checksum();
        }
        return range.isEmpty() ? version.checksum() : null;
    }

    private void send(S3Call call, Manifest manifest, Optional<ByteRange> range, Checksum checksum, long from,
                      long length, boolean headOnly, TransferMemory.Reservation held) throws IOException {
        ObjectVersion version = manifest.version();
        ObjectHeaders.write(call, version);
        writeVersionId(call, version);
        call.setHeader("Accept-Ranges", "bytes");
        if (!version.parts().isEmpty()) {
            call.setHeader("x-amz-mp-parts-count", Integer.toString(version.parts().size()));
        }
        if (!version.tags().isEmpty()) {
            call.setHeader("x-amz-tagging-count", Integer.toString(version.tags().size()));
        }
        if (checksum != null) {
            call.setHeader(Checksums.header(checksum), Checksums.shown(checksum));
            // A part's checksum has the type of the object's: how the parts' checksums made it.
            call.setHeader("x-amz-checksum-type", version.checksum() == null ? Checksums.type(checksum)
                    : Checksums.type(version.checksum()));
        }
        responseOverrides(call);
        if (range.isPresent()) {
            call.exchange().status(206);
            call.setHeader("Content-Range", range.get().contentRange(version.size()));
        } else {
            call.exchange().status(200);
        }
        call.exchange().contentLength(length);
        if (!headOnly && length > 0) {
            reader.copy(manifest, from, from + length, call.output(), held.bytes());
        }
    }

    /** A Range header, or the bytes of one part ({@code partNumber}); a single-part object has one part. */
    private static Optional<ByteRange> range(S3Call call, ObjectVersion version, Integer partNumber) {
        if (partNumber != null) {
            if (version.parts().isEmpty()) {
                if (partNumber != 1) {
                    throw noSuchPart(partNumber, 1);
                }
                return Optional.empty();
            }
            if (partNumber > version.parts().size()) {
                throw noSuchPart(partNumber, version.parts().size());
            }
            long start = 0;
            for (int i = 0; i < partNumber - 1; i++) {
                start += version.parts().get(i).size();
            }
            return Optional.of(new ByteRange(start, version.parts().get(partNumber - 1).size()));
        }
        try {
            return ByteRange.parse(call.header("range"), version.size());
        } catch (CairnException e) {
            call.setHeader("Content-Range", "bytes */" + version.size());
            throw new S3Exception(S3Error.InvalidRange, "The requested range is not satisfiable");
        }
    }

    /** A part the object does not have: S3 answers 400 InvalidPart (it once documented 416 InvalidPartNumber). */
    private static S3Exception noSuchPart(int partNumber, int parts) {
        return new S3Exception(S3Error.InvalidPart, "The requested part number " + partNumber + " is not satisfiable:"
                + " the object has " + parts + (parts == 1 ? " part" : " parts"));
    }

    /** {@code response-content-type} and its kin replace the stored headers for this response only. */
    private static void responseOverrides(S3Call call) {
        for (String header : RESPONSE_OVERRIDES) {
            String value = call.query("response-" + header);
            if (value != null) {
                call.setHeader(header, value);
            }
        }
    }

    // ---- DELETE --------------------------------------------------------------------------------------------------

    void delete(S3Call call, String versionId) throws IOException {
        Deleted deleted = deleteOne(call.bucket(), call.key(), versionId);
        if (deleted.deleteMarker()) {
            call.setHeader("x-amz-delete-marker", "true");
        }
        call.setHeader("x-amz-version-id", deleted.versionId());
        call.sendEmpty(204);
    }

    /**
     * What a delete did, as S3 reports it.
     *
     * @param versionId    the version removed or the delete marker made; null when there was none
     * @param deleteMarker whether that version is a delete marker
     */
    record Deleted(String versionId, boolean deleteMarker) {
    }

    /** Deleting what does not exist succeeds, as in S3; a missing bucket does not. */
    Deleted deleteOne(String bucket, String key, String versionId) {
        if (versionId == null) {
            KeyDeletion deletion = meta.deleteKey(bucket, key);
            return deletion.marker() == null ? new Deleted(null, false)
                    : new Deleted(S3Formats.versionId(deletion.marker()), true);
        }
        Optional<VersionInfo> target = findVersion(bucket, key, versionId);
        if (target.isEmpty()) {
            return new Deleted(versionId, false);
        }
        try {
            meta.delete(bucket, key, target.get().version());
        } catch (CairnException e) {
            if (e.code() != ErrorCode.NOT_FOUND && e.code() != ErrorCode.NO_SUCH_VERSION) {
                throw e;
            }
        }
        return new Deleted(versionId, target.get().delete_marker());
    }

    Optional<VersionInfo> findVersion(String bucket, String key, String versionId) {
        List<VersionInfo> versions;
        try {
            versions = meta.versions(bucket, key).versions();
        } catch (CairnException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
        if (versionId.equals("null")) {
            return versions.stream().filter(VersionInfo::null_version).findFirst();
        }
        long number = parseVersionId(versionId);
        return versions.stream().filter(v -> v.version() == number).findFirst();
    }

    /** The version a request names, the latest if it names none; it may be a delete marker. */
    ObjectVersion version(S3Call call, String versionId) {
        return meta.manifest(call.bucket(), call.key(), versionNumber(call, versionId)).version();
    }

    /** The version a request on an object's settings names; NoSuchKey for a delete marker, as S3 answers. */
    ObjectVersion liveVersion(S3Call call, String versionId) {
        ObjectVersion version = version(call, versionId);
        if (version.deleteMarker()) {
            throw new S3Exception(S3Error.NoSuchKey, "The specified key does not exist.");
        }
        return version;
    }

    /** The version number a request names: null for the latest; the key's "null" version looked up. */
    Long versionNumber(S3Call call, String versionId) {
        return versionId == null ? null : versionNumber(call.bucket(), call.key(), versionId);
    }

    long versionNumber(String bucket, String key, String versionId) {
        if (versionId.equals("null")) {
            return findVersion(bucket, key, versionId).map(VersionInfo::version)
                    .orElseThrow(() -> new S3Exception(S3Error.NoSuchVersion, "The specified version does not exist."));
        }
        return parseVersionId(versionId);
    }

    private static long parseVersionId(String versionId) {
        try {
            long number = Long.parseLong(versionId);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new S3Exception(S3Error.InvalidArgument, "Invalid version id specified");
    }

    static void writeVersionId(S3Call call, ObjectVersion version) {
        if (!version.nullVersion()) {
            call.setHeader("x-amz-version-id", S3Formats.versionId(version));
        }
    }

    // ---- COPY ----------------------------------------------------------------------------------------------------

    /**
     * A server-side copy moves no bytes: the new version lists the source's chunks, which the commit re-checks are
     * still stored.
     */
    void copy(S3Call call) throws IOException {
        refuseUnsupportedWriteOptions(call);
        Acl acl = objectAcl(call);
        CopySource source = CopySource.parse(call.header("x-amz-copy-source"));
        ObjectVersion from = copySourceVersion(call, source);
        boolean replace = replaces(call, "x-amz-metadata-directive", "metadata");
        Map<String, String> tags = replaces(call, "x-amz-tagging-directive", "tagging")
                ? TagSets.fromHeader(call.header("x-amz-tagging")) : from.tags();
        if (!replace && source.bucket().equals(call.bucket()) && source.key().equals(call.key())
                && source.versionId() == null) {
            throw new S3Exception(S3Error.InvalidRequest, "This copy request is illegal because it is trying to copy "
                    + "an object to itself without changing the object's metadata, storage class, website redirect "
                    + "location or encryption attributes.");
        }
        ContentInfo content = new ContentInfo(from.entityTag(), from.checksum(),
                replace ? ObjectHeaders.stored(call) : from.headers(),
                Preconditions.writeIfMatch(call), acl, tags);
        ObjectVersion copy = meta.commit(new CommitRequest(call.bucket(), call.key(), from.size(), from.chunkSize(), 0,
                replace ? ObjectHeaders.contentType(call) : from.contentType(),
                replace ? ObjectHeaders.userMetadata(call) : from.metadata(), CommittedChunk.reused(from.chunks()), ifNoneMatchAll(call),
                UUID.randomUUID().toString(), content));
        writeVersionId(call, copy);
        if (!from.nullVersion()) {
            call.setHeader("x-amz-copy-source-version-id", S3Formats.versionId(from));
        }
        call.sendXml(200, XmlWriter.document("CopyObjectResult")
                .element("ETag", S3Formats.quoted(copy.entityTag()))
                .element("LastModified", S3Formats.iso(copy.createdAt())));
    }

    /** The version a copy reads, after its {@code x-amz-copy-source-if-*} conditions. */
    ObjectVersion copySourceVersion(S3Call call, CopySource source) {
        Long number = source.versionId() == null ? null
                : versionNumber(source.bucket(), source.key(), source.versionId());
        ObjectVersion from = meta.manifest(source.bucket(), source.key(), number).version();
        if (from.deleteMarker()) {
            throw source.versionId() == null
                    ? new S3Exception(S3Error.NoSuchKey, "The specified key does not exist.")
                    : new S3Exception(S3Error.InvalidRequest, "The source of a copy request may not specifically "
                            + "refer to a delete marker by version id.");
        }
        if (Preconditions.evaluate(call::header, "x-amz-copy-source-", from.entityTag(), from.createdAt())
                == Preconditions.Outcome.NOT_MODIFIED) {
            throw new S3Exception(S3Error.PreconditionFailed, "At least one of the pre-conditions you specified did "
                    + "not hold");
        }
        return from;
    }

    /** Whether a copy's directive header ({@code COPY}, the default, or {@code REPLACE}) replaces what it names. */
    private static boolean replaces(S3Call call, String header, String what) {
        String directive = call.header(header);
        if (directive == null || directive.equals("COPY")) {
            return false;
        }
        if (directive.equals("REPLACE")) {
            return true;
        }
        throw new S3Exception(S3Error.InvalidArgument, "Unknown " + what + " directive.");
    }
}
