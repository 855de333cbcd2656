package io.cairn.controller;

import io.cairn.api.CompleteUploadRequest;
import io.cairn.api.CreateUploadRequest;
import io.cairn.api.PartCommitRequest;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.Names;
import io.cairn.core.model.ObjectVersion;
import io.cairn.core.model.PartRecord;
import io.cairn.core.model.UploadRecord;
import io.cairn.meta.MetaCommand.AbortUpload;
import io.cairn.meta.MetaCommand.CommitPart;
import io.cairn.meta.MetaCommand.CompleteUpload;
import io.cairn.meta.MetaCommand.CreateUpload;
import io.cairn.meta.MetaReader;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/** S3's multipart uploads: started, parts recorded as they are stored, completed or aborted. Thread-safe. */
final class Multipart {
    private static final int STALE_BATCH = 1000;

    private final MetaReader reader;
    private final MetadataCommands commands;
    private final LiveNodes nodes;
    private final Placement placement;
    private final Namespace namespace;
    private final Clock clock;
    private final SecureRandom uploadIds = new SecureRandom();

    Multipart(MetaReader reader, MetadataCommands commands, LiveNodes nodes, Placement placement, Namespace namespace,
              Clock clock) {
        this.reader = reader;
        this.commands = commands;
        this.nodes = nodes;
        this.placement = placement;
        this.namespace = namespace;
        this.clock = clock;
    }

    public UploadRecord createUpload(CreateUploadRequest request) {
        long at = clock.millis();
        // Sorts by creation time within a key (S3 lists uploads that way), unique by its random half.
        String uploadId = String.format("%012x", at) + HexFormat.of().toHexDigits(uploadIds.nextLong());
        return commands.submit(new CreateUpload(Names.bucket(request.bucket()), request.key(), uploadId, at,
                request.contentType(), request.metadata(), request.headers(), request.checksumAlgorithm(),
                request.acl(), request.checksumType(), request.tags()),
                UploadRecord.class);
    }

    UploadRecord upload(String bucket, String key, String uploadId) {
        commands.fresh();
        namespace.requireBucket(bucket);
        return reader.upload(bucket, key, uploadId).orElseThrow(() -> new CairnException(ErrorCode.NO_SUCH_UPLOAD,
                "no multipart upload '" + uploadId + "' of '" + key + "'"));
    }

    PartRecord commitPart(PartCommitRequest request) {
        WrittenChunks.requireHealthy(nodes, request.chunks());
        return commands.submit(new CommitPart(Names.bucket(request.bucket()), request.key(), request.uploadId(),
                request.number(), request.size(), request.etag(), request.checksum(), WrittenChunks.of(request.chunks()),
                placement.replication(request.replication()), clock.millis()), PartRecord.class);
    }

    List<PartRecord> parts(String bucket, String key, String uploadId, int after, int limit) {
        upload(bucket, key, uploadId);
        return reader.parts(uploadId, after, limit);
    }

    List<UploadRecord> uploads(String bucket, String prefix, String afterKey, String afterUploadId,
                                      int limit) {
        commands.fresh();
        namespace.requireBucket(bucket);
        return reader.uploads(bucket, prefix, afterKey, afterUploadId, limit);
    }

    ObjectVersion completeUpload(CompleteUploadRequest request) {
        return commands.submit(new CompleteUpload(Names.bucket(request.bucket()), request.key(), request.uploadId(),
                request.parts(), request.ifNoneMatch(), request.content(), clock.millis()), ObjectVersion.class);
    }

    UploadRecord abortUpload(String bucket, String key, String uploadId) {
        return commands.submit(new AbortUpload(Names.bucket(bucket), key, uploadId), UploadRecord.class);
    }

    /**
     * Aborts uploads started more than {@code expiry} ago, a bounded batch per call.
     *
     * @return how many were aborted
     */
    int abortStaleUploads(Duration expiry) {
        commands.fresh();
        int aborted = 0;
        for (UploadRecord upload : reader.uploadsStartedBefore(clock.millis() - expiry.toMillis(), STALE_BATCH)) {
            try {
                abortUpload(upload.bucket(), upload.key(), upload.uploadId());
                aborted++;
            } catch (CairnException e) {
                if (e.code() != ErrorCode.NO_SUCH_UPLOAD) {
                    throw e;
                }
            }
        }
        return aborted;
    }
}
