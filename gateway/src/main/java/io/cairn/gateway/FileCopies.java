package io.cairn.gateway;

import io.cairn.api.CommitRequest;
import io.cairn.api.CommittedChunk;
import io.cairn.api.MetadataService;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.model.ContentInfo;
import io.cairn.core.model.ObjectVersion;
import io.cairn.http.Exchange;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /files/{name}/copy}: a new version made of an existing version's chunks, so no byte moves; its commit
 * re-checks, in the state machine, that every chunk is still stored. Copying a version onto its own key restores it
 * (it becomes the latest, the versions after it stay); a copy then a delete of the source is a rename.
 */
final class FileCopies {
    private final MetadataService meta;

    FileCopies(MetadataService meta) {
        this.meta = meta;
    }

    /** The destination a copy names: {@code ?to=KEY}, in {@code ?to_bucket=} or the source's bucket. */
    record Target(String bucket, String key) {
        static Target of(Exchange ex, String sourceBucket) {
            String key = ex.query("to");
            if (key == null || key.isEmpty()) {
                throw CairnException.invalidArgument("name the copy: ?to=NAME (and ?to_bucket= for another bucket)");
            }
            String bucket = ex.query("to_bucket");
            return new Target(bucket == null || bucket.isEmpty() ? sourceBucket : io.cairn.core.Names.bucket(bucket),
                    io.cairn.core.Names.key(key));
        }
    }

    void copy(Exchange ex, String bucket, String key, Long version, Target to) throws IOException {
        ObjectVersion from = meta.manifest(bucket, key, version).version();
        if (from.deleteMarker()) {
            throw new CairnException(ErrorCode.NOT_FOUND, key + (version == null ? " is deleted" : " version "
                    + version + " is a delete marker") + ": there is nothing to copy");
        }
        ContentInfo content = new ContentInfo(from.entityTag(), from.checksum(), from.headers(), null, null,
                from.tags());
        ObjectVersion copy = meta.commit(new CommitRequest(to.bucket(), to.key(), from.size(), from.chunkSize(), 0,
                from.contentType(), from.metadata(), CommittedChunk.reused(from.chunks()), "*".equals(ex.header("If-None-Match")),
                UUID.randomUUID().toString(), content));
        Map<String, Object> body = UploadHandler.written("File copied", copy);
        body.put("copied_from", Map.of("bucket", bucket, "filename", key, "version", from.version()));
        ex.setHeader("X-Cairn-Version", Long.toString(copy.version()));
        ex.sendJson(201, body);
    }
}
