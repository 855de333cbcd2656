package io.cairn.gateway;

import io.cairn.api.CompleteUploadRequest;
import io.cairn.api.CreateUploadRequest;
import io.cairn.api.MetadataService;
import io.cairn.client.ObjectUploader;
import io.cairn.client.TransferMemory;
import io.cairn.client.UploadSpec;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.Md5;
import io.cairn.core.Names;
import io.cairn.core.model.ContentInfo;
import io.cairn.core.model.ObjectVersion;
import io.cairn.core.model.PartChoice;
import io.cairn.core.model.PartLimits;
import io.cairn.core.model.PartRecord;
import io.cairn.core.model.UploadRecord;
import io.cairn.http.Exchange;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Uploads in parts over the REST API, on the multipart uploads S3 has (the same records, the same rules at
 * completion: parts in order, each but the last at least 5 MiB): a client that lost its connection, or a browser tab
 * reloaded, asks which parts are stored and sends only the others. Each part streams through the gateway with the
 * memory of a single upload.
 */
final class PartUploads {
    private static final int LISTED = 1000;
    private static final int MAX_COMPLETE_BODY = 1 << 20;
    private static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    private final MetadataService meta;
    private final ObjectUploader uploader;
    private final UploadHandler uploads;
    private final GatewaySettings settings;

    PartUploads(MetadataService meta, ObjectUploader uploader, UploadHandler uploads, GatewaySettings settings) {
        this.meta = meta;
        this.uploader = uploader;
        this.uploads = uploads;
        this.settings = settings;
    }

    /** The key an upload request names ({@code ?key=}), checked as the REST API checks every name it writes. */
    static String key(Exchange ex) {
        String key = ex.query("key");
        if (key == null || key.isEmpty()) {
            throw CairnException.invalidArgument("name the file: ?key=NAME");
        }
        return Names.key(key);
    }

    void create(Exchange ex, String bucket) throws IOException {
        String key = key(ex);
        String type = Objects.requireNonNullElse(ex.query("content_type"), DEFAULT_CONTENT_TYPE);
        UploadRecord upload = meta.createUpload(new CreateUploadRequest(bucket, key, type, Map.of(), Map.of(), null,
                null, null, Map.of()));
        ex.sendJson(201, Map.of("upload_id", upload.uploadId(), "bucket", bucket, "key", key,
                "min_part_size", PartLimits.MIN_PART_SIZE, "max_part_size", PartLimits.MAX_PART_SIZE,
                "max_parts", PartLimits.MAX_PARTS));
    }

    void part(Exchange ex, String bucket, String id, int number) throws IOException {
        String key = key(ex);
        if (number < 1 || number > PartLimits.MAX_PARTS) {
            throw CairnException.invalidArgument("parts are numbered 1 to " + PartLimits.MAX_PARTS + ", not " + number);
        }
        if (ex.contentLength() > PartLimits.MAX_PART_SIZE) {
            throw new CairnException(ErrorCode.PAYLOAD_TOO_LARGE, "a part has at most " + PartLimits.MAX_PART_SIZE + " bytes");
        }
        ContentDigest digest = ContentDigest.of(ex);
        UploadRecord upload = meta.upload(bucket, key, id);
        UploadSpec spec = new UploadSpec(bucket, key, settings.defaultChunkSize(), 0, upload.contentType(), Map.of(),
                false, PartLimits.MAX_PART_SIZE, ContentDigest.check(digest), UploadHandler.consistency(ex));
        PartRecord part;
        try (TransferMemory.Reservation held = uploads.reserve(spec.chunkSize(), ex.contentLength(), 0)) {
            InputStream body = digest == null ? ex.body() : digest.wrap(ex.body());
            part = uploader.uploadPart(spec, id, number, body, ex.contentLength(), held);
        }
        ex.sendJson(200, view(part));
    }

    void list(Exchange ex, String bucket, String id) throws IOException {
        String key = key(ex);
        List<Map<String, Object>> parts = new ArrayList<>();
        int after = 0;
        List<PartRecord> page;
        do {
            page = meta.parts(bucket, key, id, after, LISTED);
            page.forEach(p -> parts.add(view(p)));
            after = page.isEmpty() ? after : page.getLast().number();
        } while (page.size() == LISTED);
        ex.sendJson(200, Map.of("upload_id", id, "bucket", bucket, "key", key, "parts", parts));
    }

    /**
     * A page of the bucket's uploads in progress under {@code ?prefix=}, by key then id (their age), at most
     * {@code ?limit=} (1000); the next page starts after {@code ?after_key=&after_id=}, the {@code next} it names.
     */
    void uploads(Exchange ex, String bucket) throws IOException {
        long limit = ex.queryLong("limit", LISTED);
        if (limit < 1 || limit > LISTED) {
            throw CairnException.invalidArgument("limit must be between 1 and " + LISTED);
        }
        String afterKey = ex.query("after_key");
        String afterId = ex.query("after_id");
        if ((afterKey == null) != (afterId == null)) {
            throw CairnException.invalidArgument("after_key and after_id go together: both from the page's next");
        }
        List<UploadRecord> page = meta.uploads(bucket, ex.query("prefix"), afterKey, afterId, (int) limit + 1);
        List<Map<String, Object>> listed = new ArrayList<>();
        for (UploadRecord upload : page.subList(0, (int) Math.min(limit, page.size()))) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("upload_id", upload.uploadId());
            view.put("key", upload.key());
            view.put("initiated_at", RestApi.isoDate(upload.initiatedAt()));
            view.put("content_type", upload.contentType());
            listed.add(view);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("bucket", bucket);
        answer.put("uploads", listed);
        if (page.size() > limit) {
            UploadRecord last = page.get((int) limit - 1);
            answer.put("next", Map.of("after_key", last.key(), "after_id", last.uploadId()));
        }
        ex.sendJson(200, answer);
    }

    /** A completion's body: the parts the file is made of, in order, each with the ETag its upload answered. */
    record Completion(List<Choice> parts) {
        record Choice(Integer part, String etag) {
        }
    }

    void complete(Exchange ex, String bucket, String id) throws IOException {
        String key = key(ex);
        Completion body = ex.readJson(Completion.class, MAX_COMPLETE_BODY);
        if (body == null || body.parts() == null || body.parts().isEmpty() || body.parts().size() > PartLimits.MAX_PARTS) {
            throw CairnException.invalidArgument("complete with {\"parts\":[{\"part\":1,\"etag\":\"...\"},...]}: "
                    + "1 to " + PartLimits.MAX_PARTS + " parts");
        }
        List<PartChoice> choices = new ArrayList<>();
        for (Completion.Choice choice : body.parts()) {
            if (choice == null || choice.part() == null || choice.etag() == null
                    || !choice.etag().matches("[0-9a-f]{32}")) {
                throw CairnException.invalidArgument("every part needs its number (\"part\") and the ETag its "
                        + "upload answered (\"etag\", 32 hex digits)");
            }
            choices.add(new PartChoice(choice.part(), choice.etag()));
        }
        // The state machine checks each ETag against the part it names, so this one is of the parts stored.
        String etag = Md5.ofParts(choices.stream().map(PartChoice::etag).toList());
        ObjectVersion version = meta.completeUpload(new CompleteUploadRequest(bucket, key, id, choices,
                "*".equals(ex.header("If-None-Match")), new ContentInfo(etag, null, null, null)));
        Map<String, Object> answer = UploadHandler.written("File uploaded successfully", version);
        answer.put("parts", choices.size());
        answer.put("etag", version.etag());
        ex.setHeader("X-Cairn-Version", Long.toString(version.version()));
        ex.sendJson(201, answer);
    }

    void abort(Exchange ex, String bucket, String id) throws IOException {
        meta.abortUpload(bucket, key(ex), id);
        ex.sendJson(200, Map.of("message", "Upload aborted", "upload_id", id));
    }

    /** A part as listed: its SHA-256 (base64, as Content-Digest gives it) when its upload declared one. */
    private static Map<String, Object> view(PartRecord part) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("part", part.number());
        view.put("etag", part.etag());
        view.put("size", part.size());
        if (part.checksum() != null && part.checksum().algorithm().equals(ContentDigest.ALGORITHM)) {
            view.put("sha256", part.checksum().value());
        }
        return view;
    }
}
