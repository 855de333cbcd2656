package io.cairn.gateway;

import io.cairn.http.Caller;
import io.cairn.http.UserCredentials;
import io.cairn.s3.auth.SecretLookup;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The access keys a gateway accepts, for both APIs: the REST API checks a key and its secret
 * ({@link UserCredentials}), the S3 API needs the secret to check a signature ({@link SecretLookup}).
 */
public final class KeyRing implements UserCredentials, SecretLookup {
    private final String rootAccessKey;
    private final String rootSecretKey;

    public KeyRing(String rootAccessKey, String rootSecretKey) {
        this.rootAccessKey = rootAccessKey;
        this.rootSecretKey = rootSecretKey;
    }

    @Override
    public Optional<Caller.User> verify(String accessKeyId, String secret) {
        // Both compared in full whatever the first says, so the time taken tells nothing about either.
        boolean key = equal(rootAccessKey, accessKeyId);
        boolean matches = equal(rootSecretKey, secret);
        return key && matches ? Optional.of(new Caller.User(Caller.User.ROOT, accessKeyId)) : Optional.empty();
    }

    @Override
    public Optional<String> secretFor(String accessKeyId) {
        return equal(rootAccessKey, accessKeyId) ? Optional.of(rootSecretKey) : Optional.empty();
    }

    private static boolean equal(String expected, String presented) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
