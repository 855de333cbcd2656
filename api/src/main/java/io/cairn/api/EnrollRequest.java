package io.cairn.api;

/**
 * A v2 join token redeemed at {@link ApiPaths#ENROLL}: the token's id and a proof of its secret that is good for
 * {@link ClusterKey#MAX_SKEW} around {@code time}, so the secret itself never travels.
 *
 * @param time  epoch seconds the proof was made at
 * @param proof {@code JoinSecret.proof(id, time)}
 */
public record EnrollRequest(String id, long time, String proof) {
}
