package io.cairn.auth;

/** What {@link PolicyEngine} decided for one request. */
public enum Decision {
    /** A statement allowed the request and none denied it. */
    ALLOW,
    /** An applicable statement denied the request: nothing else can allow it. */
    DENY,
    /** Nothing allowed the request (the default for everything not granted). */
    IMPLICIT_DENY;

    public boolean allowed() {
        return this == ALLOW;
    }
}
