package io.cairn.http.limits;

/** The four limits a request can exceed, named as the metric {@code cairn_rate_limited_total} tags them. */
public enum Limit {
    KEY_REQUESTS("key", "requests"),
    KEY_BYTES("key", "bytes"),
    ADDRESS_REQUESTS("address", "requests"),
    ADDRESS_BYTES("address", "bytes");

    private final String scope;
    private final String kind;

    Limit(String scope, String kind) {
        this.scope = scope;
        this.kind = kind;
    }

    public String scope() {
        return scope;
    }

    public String kind() {
        return kind;
    }
}
