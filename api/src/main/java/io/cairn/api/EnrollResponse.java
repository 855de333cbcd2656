package io.cairn.api;

/**
 * The answer to an {@link EnrollRequest}: the cluster secret sealed for the token's holder alone
 * ({@code JoinSecret.seal}), and the cluster's id to log.
 */
public record EnrollResponse(String cluster_id, String sealed_secret) {
    @Override
    public String toString() {
        return "EnrollResponse[cluster_id=" + cluster_id + "]";
    }
}
