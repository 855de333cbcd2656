package io.cairn.gateway;

import io.cairn.client.ContentCheck;
import io.cairn.client.ObjectUploader;
import io.cairn.client.TransferMemory;
import io.cairn.client.UploadResult;
import io.cairn.client.UploadSpec;
import io.cairn.core.CairnException;
import io.cairn.core.ChunkLimits;
import io.cairn.core.ErrorCode;
import io.cairn.core.Names;
import io.cairn.core.model.Consistency;
import io.cairn.core.Sizes;
import io.cairn.core.model.ObjectVersion;
import io.cairn.http.Exchange;
import io.cairn.http.MultipartFileStream;
import io.cairn.http.Permissions;
import io.cairn.auth.S3Actions;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code PUT /files/{name}} (raw body) and {@code POST /upload} (multipart): validates everything that can be
 * validated before reading the body, streams the body through the uploader, answers 201 with the committed version.
 */
final class UploadHandler {
    /** How many copies must be durable before the write is acknowledged: strong, quorum or one. */
    static final String CONSISTENCY_HEADER = "X-Cairn-Consistency";
    private static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";
    private static final long MULTIPART_ENVELOPE = 1024 * 1024;

    private final ObjectUploader uploader;
    private final GatewaySettings settings;
    private final TransferMemory memory;
    private final Permissions permissions;

    UploadHandler(ObjectUploader uploader, TransferMemory memory, GatewaySettings settings, Permissions permissions) {
        this.uploader = uploader;
        this.permissions = permissions;
        this.settings = settings;
        this.memory = memory;
    }

    void putFile(Exchange ex, String bucket, String name) throws IOException {
        Names.key(name);
        checkDeclaredLength(ex);
        String contentType = Objects.requireNonNullElse(ex.contentType(), DEFAULT_CONTENT_TYPE);
        ContentDigest digest = ContentDigest.of(ex);
        UploadSpec spec = spec(bucket, name, ex.query("chunk_size"), ex.query("replication_factor"), contentType,
                "*".equals(ex.header("If-None-Match")), consistency(ex), ContentDigest.check(digest));
        refuseBeforeReading(spec, ex.contentLength());
        try (TransferMemory.Reservation held = reserve(spec.chunkSize(), ex.contentLength(), 0)) {
            InputStream body = digest == null ? ex.body() : digest.wrap(ex.body());
            respond(ex, uploader.upload(spec, body, ex.contentLength(), held));
        }
    }

    void multipart(Exchange ex, String bucket) throws IOException {
        checkDeclaredLength(ex);
        // The form's parser and the file's chunk buffers in one reservation, taken before a byte of the body is read;
        // the chunk size is the query's or the default, as the form's own fields are not read yet.
        long bound = ex.contentLength();
        int asked = chunkSize(ex.query("chunk_size"));
        try (TransferMemory.Reservation held = reserve(asked, bound, MultipartFileStream.MEMORY)) {
            multipart(ex, bucket, held);
        }
    }

    private void multipart(Exchange ex, String bucket, TransferMemory.Reservation held) throws IOException {
        MultipartFileStream form = new MultipartFileStream(ex.body(), ex.contentType()).begin();
        Map<String, String> before = form.fieldsBeforeFile();
        String name = firstNonNull(ex.query("filename"), before.get("filename"), form.fileName());
        if (name == null) {
            throw new CairnException(ErrorCode.INVALID_NAME, "the file part has no filename; add a 'filename' field");
        }
        Names.key(name);
        // Only now is the key known: the form names it.
        ex.target(bucket, name);
        permissions.require(ex, S3Actions.PUT_OBJECT, bucket, name);
        String chunkSize = firstNonNull(ex.query("chunk_size"), before.get("chunk_size"));
        String replication = firstNonNull(ex.query("replication_factor"), before.get("replication_factor"));
        String contentType = Objects.requireNonNullElse(form.fileContentType(), DEFAULT_CONTENT_TYPE);
        UploadSpec spec = spec(bucket, name, chunkSize, replication, contentType,
                "*".equals(ex.header("If-None-Match")), consistency(ex), ContentCheck.ETAG_ONLY);
        long needed = MultipartFileStream.MEMORY + needed(spec.chunkSize(), ex.contentLength());
        // A larger chunk size in a form field: more only if it is free at once (never waiting while holding some).
        if (!held.tryGrow(needed - held.bytes())) {
            throw new CairnException(ErrorCode.UNAVAILABLE, "the gateway is busy: the form's chunk_size needs "
                    + Sizes.human(needed) + " of transfer memory, not free now; retry later, or give chunk_size as a "
                    + "query parameter so the upload waits its turn for it", TransferMemory.RETRY_AFTER);
        }
        InputStream guarded = new FieldsCheckingStream(form, before);
        refuseBeforeReading(spec, ex.contentLength());
        respond(ex, uploader.upload(spec, guarded, ex.contentLength(), held));
    }

    /**
     * Reserves what an upload holds at most ({@link ObjectUploader#memory}), plus {@code extra} for its parsing,
     * waiting its turn; a chunk size whose buffers alone exceed the gateway's transfer memory is a bad request.
     */
    TransferMemory.Reservation reserve(int chunkSize, long bound, long extra) {
        return memory.reserve(needed(chunkSize, bound) + extra, true, "upload");
    }

    private long needed(int chunkSize, long bound) {
        long needed = uploader.memory(chunkSize, bound);
        if (needed + MultipartFileStream.MEMORY > memory.capacity()) {
            throw CairnException.invalidArgument("chunk_size " + Sizes.human(chunkSize) + " needs "
                    + Sizes.human(needed) + " of buffers per upload, more than this gateway's transfer memory of "
                    + Sizes.human(memory.capacity()) + " (MAX_BUFFER_MEMORY); use a smaller chunk_size");
        }
        return needed;
    }

    /**
     * Refuses before reading a large body when the cluster cannot place it: once a client has sent megabytes, an
     * error it can read needs the rest drained first, and a client that stops reading the response while it sends
     * may never see it.
     */
    private void refuseBeforeReading(UploadSpec spec, long declaredLength) {
        if (declaredLength < 0 || declaredLength > spec.chunkSize()) {
            uploader.checkPlaceable(spec);
        }
    }

    /** Refuses, before reading a byte, a body declared larger than the largest file it may carry. */
    private void checkDeclaredLength(Exchange ex) {
        // A multipart body also carries its boundaries and part headers; the file itself is counted as it streams.
        long envelope = "PUT".equals(ex.method()) ? 0 : MULTIPART_ENVELOPE;
        if (ex.contentLength() > settings.maxFileSize() + envelope) {
            throw new CairnException(ErrorCode.PAYLOAD_TOO_LARGE, "the body has " + ex.contentLength()
                    + " bytes; the maximum file size is " + settings.maxFileSize());
        }
    }

    private UploadSpec spec(String bucket, String name, String chunkSize, String replication, String contentType,
                            boolean ifNoneMatch, Consistency consistency, ContentCheck check) {
        return new UploadSpec(bucket, name, chunkSize(chunkSize), replication(replication), contentType, Map.of(),
                ifNoneMatch, settings.maxFileSize(), check, consistency);
    }

    /** What the write asks for in {@code X-Cairn-Consistency}; null for the bucket's setting. */
    static Consistency consistency(Exchange ex) {
        String value = ex.header(CONSISTENCY_HEADER);
        return value == null ? null : Consistency.parse(value);
    }

    private int chunkSize(String value) {
        if (value == null || value.isBlank()) {
            return settings.defaultChunkSize();
        }
        long size;
        try {
            size = Sizes.parseBytes(value);
        } catch (IllegalArgumentException e) {
            throw new CairnException(ErrorCode.INVALID_ARGUMENT, "chunk_size: " + e.getMessage());
        }
        if (size < ChunkLimits.MIN_CHUNK_SIZE || size > ChunkLimits.MAX_CHUNK_SIZE) {
            throw new CairnException(ErrorCode.INVALID_ARGUMENT, "chunk_size must be between "
                    + ChunkLimits.MIN_CHUNK_SIZE + " and " + ChunkLimits.MAX_CHUNK_SIZE + " bytes, got " + value);
        }
        return (int) size;
    }

    private static int replication(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            int r = Integer.parseInt(value.trim());
            if (r < 1 || r > UploadSpec.MAX_REPLICATION) {
                throw new NumberFormatException();
            }
            return r;
        } catch (NumberFormatException e) {
            throw new CairnException(ErrorCode.INVALID_ARGUMENT,
                    "replication_factor must be an integer from 1 to " + UploadSpec.MAX_REPLICATION + ", got " + value);
        }
    }

    /** What every write of the REST API answers about the version it made, first; the caller adds its own. */
    static Map<String, Object> written(String message, ObjectVersion v) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        body.put("filename", v.key());
        body.put("bucket", v.bucket());
        body.put("size", v.size());
        body.put("version", v.version());
        return body;
    }

    private static void respond(Exchange ex, UploadResult result) throws IOException {
        ObjectVersion v = result.version();
        Map<String, Object> body = written("File uploaded successfully", v);
        body.put("chunks", v.chunks().size());
        body.put("chunk_size", v.chunkSize());
        body.put("replication_factor", v.replication());
        body.put("deduplicated_chunks", result.deduplicatedChunks());
        ex.setHeader("X-Cairn-Version", Long.toString(v.version()));
        ex.sendJson(201, body);
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /**
     * Fails the upload (before its commit) if a form field that changes how the file is stored came after the file
     * part with a different value than the one used.
     */
    private static final class FieldsCheckingStream extends java.io.FilterInputStream {
        private final MultipartFileStream form;
        private final Map<String, String> before;

        FieldsCheckingStream(MultipartFileStream form, Map<String, String> before) {
            super(form);
            this.form = form;
            this.before = before;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n < 0) {
                for (String field : new String[] {"chunk_size", "replication_factor", "filename"}) {
                    if (!Objects.equals(before.get(field), form.fields().get(field))) {
                        throw CairnException.badRequest("form field '" + field
                                + "' must come before the file part (or be sent as a query parameter)");
                    }
                }
            }
            return n;
        }
    }
}
