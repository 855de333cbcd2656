package io.cairn.app.config;

import io.cairn.api.ClusterKey;

/**
 * Who a cluster's processes trust.
 *
 * @param rootAccessKey the root user's access key: every API, every permission (ROOT_USER)
 * @param rootSecretKey its secret (ROOT_PASSWORD)
 * @param apiKey        the legacy shared {@code X-API-Key}, acting as the root user on the REST API; null for none
 * @param metricsPublic whether {@code /metrics} answers without a credential (METRICS_PUBLIC)
 * @param clusterKey    the cluster secret internal calls are signed with, and the cluster CA is derived from
 * @param tls           TLS between the cluster's processes and for users
 */
public record Security(String rootAccessKey, String rootSecretKey, String apiKey, boolean metricsPublic,
                       ClusterKey clusterKey, TlsSettings tls) {
    /** MinIO's habit: a development default that works out of the box, refused on any address but loopback. */
    public static final String DEFAULT_ROOT_ACCESS_KEY = "cairnadmin";
    public static final String DEFAULT_ROOT_SECRET_KEY = "cairnadmin";

    public boolean hasDefaultRoot() {
        return rootAccessKey.equals(DEFAULT_ROOT_ACCESS_KEY) || rootSecretKey.equals(DEFAULT_ROOT_SECRET_KEY);
    }

    public Security withClusterKey(ClusterKey key) {
        return new Security(rootAccessKey, rootSecretKey, apiKey, metricsPublic, key, tls);
    }

    public Security withTls(TlsSettings newTls) {
        return new Security(rootAccessKey, rootSecretKey, apiKey, metricsPublic, clusterKey, newTls);
    }

    @Override
    public String toString() {
        return "Security[root=" + rootAccessKey + ", apiKey=" + (apiKey == null ? "none" : "****")
                + ", metricsPublic=" + metricsPublic + ", tls=" + tls + "]";
    }
}
