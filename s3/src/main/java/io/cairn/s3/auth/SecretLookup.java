package io.cairn.s3.auth;

import java.util.Optional;

/** Where the verifier finds the secret key of an access key id: the root credentials from config, later users. */
@FunctionalInterface
public interface SecretLookup {
    Optional<String> secretFor(String accessKeyId);
}
