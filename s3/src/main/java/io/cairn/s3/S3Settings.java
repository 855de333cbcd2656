package io.cairn.s3;

import java.util.List;

/**
 * How the S3 API is configured.
 *
 * @param region         the region this endpoint claims (clients sign for it; buckets report it)
 * @param baseDomains    host names under which buckets are addressed virtual-host style ({@code bucket.domain})
 * @param chunkSize      the chunk size objects are cut into
 * @param maxObjectSize  the largest object accepted
 */
public record S3Settings(String region, List<String> baseDomains, int chunkSize,
                         long maxObjectSize) {
    public S3Settings {
        baseDomains = List.copyOf(baseDomains);
    }
}
