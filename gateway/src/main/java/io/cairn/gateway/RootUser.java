package io.cairn.gateway;

/** The root user's credentials: every API, every permission, configured rather than stored. */
public record RootUser(String accessKey, String secretKey) {
    @Override
    public String toString() {
        return "RootUser[" + accessKey + "]";
    }
}
