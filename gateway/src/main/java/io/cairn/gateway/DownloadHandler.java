package io.cairn.gateway;

import io.cairn.api.Manifest;
import io.cairn.api.MetadataService;
import io.cairn.client.ObjectReader;
import io.cairn.client.TransferMemory;
import io.cairn.core.CairnException;
import io.cairn.core.Names;
import io.cairn.core.model.ObjectVersion;
import io.cairn.http.ByteRange;
import io.cairn.http.Exchange;
import io.cairn.http.PercentCodec;
import java.io.IOException;
import java.util.Optional;

/** {@code GET|HEAD /download/{name}} and {@code /files/{name}}: the bytes of a version, whole or one range. */
final class DownloadHandler {
    private final MetadataService meta;
    private final ObjectReader reader;
    private final TransferMemory memory;

    DownloadHandler(MetadataService meta, ObjectReader reader, TransferMemory memory) {
        this.meta = meta;
        this.reader = reader;
        this.memory = memory;
    }

    void download(Exchange ex, String bucket, String name, boolean headOnly) throws IOException {
        Names.storedKey(name);
        Manifest manifest = live(meta.manifest(bucket, name, RestApi.version(ex)));
        ObjectVersion v = manifest.version();
        String etag = "\"" + v.entityTag() + "\"";
        if (etag.equals(ex.header("If-None-Match"))) {
            headers(ex, v, etag, name);
            ex.status(304);
            return;
        }
        String ifRange = ex.header("If-Range");
        Optional<ByteRange> range = ifRange == null || ifRange.equals(etag)
                ? ByteRange.parse(ex.header("Range"), v.size())
                : Optional.empty();
        long from = range.map(ByteRange::start).orElse(0L);
        long length = range.map(ByteRange::length).orElse(v.size());
        // Before any header of the file: a download that needs a chunk with no live copy, or refused for want of
        // memory, answers a plain 503 (a failure after the first byte can only cut the connection).
        if (!headOnly && length > 0) {
            reader.requireLive(manifest, from, from + length);
        }
        try (TransferMemory.Reservation held = headOnly || length == 0 ? TransferMemory.none()
                : memory.reserve(reader.memory(manifest, from, from + length, memory.capacity()), false, "download")) {
            headers(ex, v, etag, name);
            if (range.isPresent()) {
                ex.status(206);
                ex.setHeader("Content-Range", range.get().contentRange(v.size()));
            } else {
                ex.status(200);
            }
            ex.contentLength(length);
            if (!headOnly && length > 0) {
                reader.copy(manifest, from, from + length, ex.output(), held.bytes());
            }
        }
    }

    private static void headers(Exchange ex, ObjectVersion v, String etag, String name) {
        ex.setHeader("ETag", etag);
        ex.setHeader("Accept-Ranges", "bytes");
        ex.setHeader("Last-Modified", RestApi.httpDate(v.createdAt()));
        ex.setHeader("X-Cairn-Version", Long.toString(v.version()));
        String sha256 = ContentDigest.sha256Of(v.checksum());
        if (sha256 != null) {
            ex.setHeader("Repr-Digest", ContentDigest.reprDigest(sha256));
        }
        ex.setHeader("Content-Type", v.contentType() == null ? "application/octet-stream" : v.contentType());
        ex.setHeader("Content-Disposition", attachment(baseName(name)));
    }

    /** A Content-Disposition that saves the body as {@code fileName} (any UTF-8), never shows it in the browser. */
    static String attachment(String fileName) {
        return "attachment; filename*=UTF-8''" + PercentCodec.encodePath(fileName).replace("/", "%2F");
    }

    /** A delete marker (made through S3) is how a versioning bucket records that the key is gone. */
    static Manifest live(Manifest manifest) {
        ObjectVersion version = manifest.version();
        if (version.deleteMarker()) {
            throw CairnException.notFound("file '" + version.key() + "' was deleted (version " + version.version()
                    + " is a delete marker)");
        }
        return manifest;
    }

    private static String baseName(String name) {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? name : name.substring(slash + 1);
    }
}
