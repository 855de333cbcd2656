package io.cairn.s3.auth;

import io.cairn.s3.S3Error;
import io.cairn.s3.S3Exception;
import java.util.Optional;

/** Where the verifiers find the secret key of an access key id: the root credentials from config, later users. */
@FunctionalInterface
public interface SecretLookup {
    Optional<String> secretFor(String accessKeyId);

    /** The secret of the key a signature names, refused with S3's InvalidAccessKeyId when there is no such key. */
    default String requireSecret(String accessKeyId) {
        return secretFor(accessKeyId).orElseThrow(() -> new S3Exception(S3Error.InvalidAccessKeyId,
                "The AWS Access Key Id you provided does not exist in our records."));
    }
}
