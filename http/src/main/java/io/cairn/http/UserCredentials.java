package io.cairn.http;

import java.util.Optional;

/** Checks a user's access key and secret; empty when the key is unknown, disabled, or the secret is wrong. */
@FunctionalInterface
public interface UserCredentials {
    /** For processes that serve no user (storage nodes). */
    UserCredentials NONE = (accessKeyId, secret) -> Optional.empty();

    Optional<Caller.User> verify(String accessKeyId, String secret);
}
