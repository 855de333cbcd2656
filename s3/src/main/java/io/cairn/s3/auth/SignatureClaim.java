package io.cairn.s3.auth;

import io.cairn.s3.S3Exception;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a request claims about its signature, read alike from the Authorization header or a presigned URL.
 *
 * @param contentSha256 the payload hash the canonical request ends with: a hex SHA-256 or a mode such as
 *                      {@code UNSIGNED-PAYLOAD}
 */
record SignatureClaim(CredentialScope credential, List<String> signedHeaders, String signature, Instant time,
        String contentSha256) {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";

    /** The {@code ;}-separated list of signed header names, refused when a name is empty. */
    static List<String> signedHeaders(String list, Supplier<S3Exception> malformed) {
        List<String> names = List.of(list.split(";", -1));
        if (names.stream().anyMatch(String::isEmpty)) {
            throw malformed.get();
        }
        return names;
    }

    String stringToSign(String canonicalRequest) {
        return String.join("\n", ALGORITHM, AmzDate.basic(time), credential.scope(),
                Digests.sha256Hex(canonicalRequest));
    }
}
