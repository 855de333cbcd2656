package io.cairn.gateway;

import io.cairn.api.IdentityService;
import io.cairn.s3.BucketCors;
import io.cairn.s3.CorsConfiguration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Buckets' CORS configurations, kept by the controllers beside the bucket policies; what this gateway learnt of one
 * (its absence too) is kept for {@link KeyRing#TTL}, as bucket access is, parsed once.
 */
final class GatewayBucketCors implements BucketCors {
    private static final int MAX_BUCKETS = 10_000;

    private final IdentityService identities;
    private final ExpiringCache<String, Optional<CorsConfiguration>> remembered;

    GatewayBucketCors(IdentityService identities, LongSupplier nanos) {
        this.identities = identities;
        this.remembered = new ExpiringCache<>(KeyRing.TTL, MAX_BUCKETS, nanos);
    }

    @Override
    public Optional<CorsConfiguration> get(String bucket) {
        return identities.bucketCors(bucket).map(CorsConfiguration::parse);
    }

    @Override
    public Optional<CorsConfiguration> remembered(String bucket) {
        return remembered.get(bucket, this::get);
    }

    /** This gateway forgets what it knew at once; the others within {@link KeyRing#TTL}. */
    @Override
    public void put(String bucket, CorsConfiguration configuration) {
        identities.setBucketCors(bucket, configuration.toXml());
        remembered.forget(bucket);
    }

    @Override
    public void delete(String bucket) {
        identities.setBucketCors(bucket, null);
        remembered.forget(bucket);
    }

    @Override
    public void forget(String bucket) {
        remembered.forget(bucket);
    }
}
