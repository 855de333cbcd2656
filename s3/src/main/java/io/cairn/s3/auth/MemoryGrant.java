package io.cairn.s3.auth;

/**
 * Memory a body's decoding asks for beyond what its reader reserved for it: a client's aws-chunk larger than usual.
 */
@FunctionalInterface
public interface MemoryGrant {
    /** Takes {@code bytes} more for this body, or throws to refuse the request (the gateway is busy). */
    void take(long bytes);
}
