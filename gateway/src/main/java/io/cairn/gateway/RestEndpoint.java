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
}
