package io.cairn.s3;

import io.cairn.api.MetadataService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Get/Put/DeleteBucketCors: the configuration is checked whole before anything is stored, so a refused one leaves
 * the bucket's as it was.
 */
final class BucketCorsOps {
    private final MetadataService meta;
    private final BucketCors configurations;

    BucketCorsOps(MetadataService meta, BucketCors configurations) {
        this.meta = meta;
        this.configurations = configurations;
    }

    void get(S3Call call) throws IOException {
        meta.bucket(call.bucket());
        CorsConfiguration configuration = configurations.get(call.bucket()).orElseThrow(() -> new S3Exception(
                S3Error.NoSuchCORSConfiguration, "The CORS configuration does not exist"));
        call.exchange().send(200, "application/xml", configuration.toXml().getBytes(StandardCharsets.UTF_8));
    }

    void put(S3Call call) throws IOException {
        meta.bucket(call.bucket());
        CorsConfiguration configuration = CorsConfiguration.parse(call.xmlBody(CorsConfiguration.MAX_BYTES));
        configurations.put(call.bucket(), configuration);
        call.sendEmpty(200);
    }

    void delete(S3Call call) throws IOException {
        meta.bucket(call.bucket());
        configurations.delete(call.bucket());
        call.sendEmpty(204);
    }
}
