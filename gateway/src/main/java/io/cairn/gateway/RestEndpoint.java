package io.cairn.gateway;

/**
 * Every request the REST API understands, parsed from method and path before anything is done (so routing has one
 * place and one test). File names are decoded keys; they are validated when used.
 */
public sealed interface RestEndpoint {
    record Upload() implements RestEndpoint {
    }

    record PutFile(String name) implements RestEndpoint {
    }

    record ListFiles() implements RestEndpoint {
    }

    record Download(String name, boolean headOnly) implements RestEndpoint {
    }

    record DeleteFile(String name) implements RestEndpoint {
    }

    record Chunks(String name) implements RestEndpoint {
    }

    record GetMetadata(String name) implements RestEndpoint {
    }

    record PutMetadata(String name) implements RestEndpoint {
    }

    record Versions(String name) implements RestEndpoint {
    }

    record Status() implements RestEndpoint {
    }

    record Nodes() implements RestEndpoint {
    }

    record ListBuckets() implements RestEndpoint {
    }

    record CreateBucket(String name) implements RestEndpoint {
    }

    record DeleteBucket(String name) implements RestEndpoint {
    }

    /** {@code PUT /buckets/{name}/consistency} with {@code {"consistency":"quorum"}} (null for the default). */
    record SetConsistency(String name) implements RestEndpoint {
    }

    record Rebalance() implements RestEndpoint {
    }

    record RepairFile(String name) implements RestEndpoint {
    }

    record RecoveryStatus() implements RestEndpoint {
    }

    record DrainNode(String id) implements RestEndpoint {
    }

    record EnableNode(String id) implements RestEndpoint {
    }

    record RemoveNode(String id) implements RestEndpoint {
    }

    /**
     * {@code POST /files/{name}/copy?to=KEY[&to_bucket=B][&version=N]}: a new version of another key, or of the same
     * one (restoring an old version), made of the same chunks: no byte moves.
     */
    record CopyFile(String name) implements RestEndpoint {
    }

    /** {@code POST /files/{name}/share?expires=SECONDS[&version=N]}: a URL that downloads it until it expires. */
    record ShareFile(String name) implements RestEndpoint {
    }

    /** {@code POST /uploads?key=K}: starts an upload sent in parts, which can be resumed where it stopped. */
    record CreateUpload() implements RestEndpoint {
    }

    /**
     * {@code GET /uploads?prefix=P}: the uploads in parts not completed or abandoned yet, by key then age (another
     * browser resumes one by finding it here).
     */
    record ListUploads() implements RestEndpoint {
    }

    /** {@code PUT /uploads/{id}/{n}?key=K}: one part, its bytes the body. */
    record UploadPart(String id, int number) implements RestEndpoint {
    }

    /** {@code GET /uploads/{id}?key=K}: the parts stored so far (what a resumed upload need not send again). */
    record ListParts(String id) implements RestEndpoint {
    }

    /** {@code POST /uploads/{id}?key=K} with {@code {"parts":[{"part":1,"etag":"..."}]}}: the file, made of them. */
    record CompleteUpload(String id) implements RestEndpoint {
    }

    /** {@code DELETE /uploads/{id}?key=K}: abandons the upload and its parts. */
    record AbortUpload(String id) implements RestEndpoint {
    }

    /** {@code GET /archive?key=K&prefix=P&...}: files and folders in one zip, streamed. */
    record Archive() implements RestEndpoint {
    }
}
