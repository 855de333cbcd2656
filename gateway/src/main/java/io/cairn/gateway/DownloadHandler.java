package io.cairn.gateway;

import io.cairn.api.Manifest;
import io.cairn.api.MetadataService;
import io.cairn.client.ObjectReader;
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

    DownloadHandler(MetadataService meta, ObjectReader reader) {
        this.meta = meta;
        this.reader = reader;
    }

    void download(Exchange ex, String bucket, String name, boolean headOnly) throws IOException {
        Names.key(name);
        Manifest manifest = live(meta.manifest(bucket, name, RestApi.version(ex)));
        ObjectVersion v = manifest.version();
        String etag = "\"" + v.entityTag() + "\"";
        ex.setHeader("ETag", etag);
        ex.setHeader("Accept-Ranges", "bytes");
        ex.setHeader("Last-Modified", RestApi.httpDate(v.createdAt()));
        ex.setHeader("X-Cairn-Version", Long.toString(v.version()));
        ex.setHeader("Content-Type", v.contentType() == null ? "application/octet-stream" : v.contentType());
        ex.setHeader("Content-Disposition", "attachment; filename*=UTF-8''" + PercentCodec.encodePath(baseName(name))
                .replace("/", "%2F"));
        if (etag.equals(ex.header("If-None-Match"))) {
            ex.status(304);
            return;
        }
        String ifRange = ex.header("If-Range");
        Optional<ByteRange> range = ifRange == null || ifRange.equals(etag)
                ? ByteRange.parse(ex.header("Range"), v.size())
                : Optional.empty();
        long from = range.map(ByteRange::start).orElse(0L);
        long length = range.map(ByteRange::length).orElse(v.size());
        if (range.isPresent()) {
            ex.status(206);
            ex.setHeader("Content-Range", range.get().contentRange(v.size()));
        } else {
            ex.status(200);
        }
        ex.contentLength(length);
        if (!headOnly && length > 0) {
            reader.copy(manifest, from, from + length, ex.output());
        }
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
