package io.cairn.api;

/**
 * A join token just created: the token itself is in this answer and never again (the controllers keep its secret
 * sealed).
 *
 * @param expires_at ISO-8601 UTC
 * @param uses       how many processes may join with it
 */
public record NewJoinToken(String token, String id, String expires_at, int uses) {
    @Override
    public String toString() {
        return "NewJoinToken[id=" + id + ", expires_at=" + expires_at + ", uses=" + uses + "]";
    }
}
