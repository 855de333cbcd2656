package io.cairn.core.model;

/**
 * A v2 join token as the controllers keep it: never the token's secret in the clear, so neither the Raft log nor the
 * metadata nor a snapshot of it lets anyone join without the cluster secret too.
 *
 * @param id           the token's public half, 16 hex digits
 * @param sealedSecret the token's secret, sealed under the cluster's master key for this id: opaque here, never
 *                     printed. The controller opens it to check a proof and to seal the cluster secret for the holder.
 * @param expiresAt    epoch milliseconds from which the token opens nothing
 * @param usesLeft     how many more processes may join with it; a token is deleted with its last use
 */
public record JoinTokenRecord(String id, String sealedSecret, long createdAt, long expiresAt, int usesLeft) {

    public JoinTokenRecord used() {
        return new JoinTokenRecord(id, sealedSecret, createdAt, expiresAt, usesLeft - 1);
    }

    @Override
    public String toString() {
        return "JoinTokenRecord[id=" + id + ", createdAt=" + createdAt + ", expiresAt=" + expiresAt + ", usesLeft="
                + usesLeft + "]";
    }
}
