package io.cairn.s3.auth;

import io.cairn.s3.S3Error;
import io.cairn.s3.S3Exception;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The credential of a browser form (POST Object), which signs its {@code policy} field as sent (the base64 text):
 * Signature V4 ({@code x-amz-algorithm}, {@code x-amz-credential}, {@code x-amz-date}, and {@code x-amz-signature},
 * the hex HMAC-SHA256 of the policy under the scope's signing key) or V2 ({@code AWSAccessKeyId}, and
 * {@code signature}, the base64 HMAC-SHA1 of the policy under the secret), which browser-upload tools still send. A
 * form with none of these fields is anonymous, a policy alone included: nothing vouches for it.
 */
public final class FormSignature {
    private static final String V4_ALGORITHM = "AWS4-HMAC-SHA256";

    private final SecretLookup secrets;

    public FormSignature(SecretLookup secrets) {
        this.secrets = secrets;
    }

    /**
     * The access key whose signature the form carries, checked; empty for an anonymous form.
     *
     * @throws S3Exception InvalidArgument for a missing or malformed field, InvalidAccessKeyId, SignatureDoesNotMatch
     */
    public Optional<String> verify(PostForm form) {
        boolean v4 = present(form, "x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-signature");
        boolean v2 = present(form, "awsaccesskeyid", "signature");
        if (v4 && v2) {
            throw new S3Exception(S3Error.InvalidArgument, "Only one auth mechanism allowed: the X-Amz-* fields of "
                    + "Signature V4 or AWSAccessKeyId and signature, not both");
        }
        if (!v4 && !v2) {
            return Optional.empty();
        }
        return Optional.of(v4 ? verifyV4(form) : verifyV2(form));
    }

    private String verifyV4(PostForm form) {
        String algorithm = form.required("x-amz-algorithm", "X-Amz-Algorithm");
        String credential = form.required("x-amz-credential", "X-Amz-Credential");
        String date = form.required("x-amz-date", "X-Amz-Date");
        String signature = form.required("x-amz-signature", "X-Amz-Signature");
        String policy = form.required("policy", "Policy");
        if (!algorithm.equals(V4_ALGORITHM)) {
            throw new S3Exception(S3Error.InvalidArgument, "X-Amz-Algorithm only supports \"" + V4_ALGORITHM + "\"");
        }
        Instant time = AmzDate.parseBasic(date).orElseThrow(() -> new S3Exception(S3Error.InvalidArgument,
                "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\""));
        CredentialScope scope = CredentialScope.parse(credential, time,
                detail -> new S3Exception(S3Error.InvalidArgument, detail));
        SigningKey key = SigningKey.derive(secrets.requireSecret(scope.accessKeyId()), scope);
        requireSame(key.sign(policy), signature);
        return scope.accessKeyId();
    }

    private String verifyV2(PostForm form) {
        String accessKeyId = form.required("awsaccesskeyid", "AWSAccessKeyId");
        String signature = form.required("signature", "Signature");
        String policy = form.required("policy", "Policy");
        requireSame(SigV2Verifier.sign(secrets.requireSecret(accessKeyId), policy), signature);
        return accessKeyId;
    }

    private static void requireSame(String expected, String claimed) {
        if (!Digests.sameSignature(expected, claimed.strip())) {
            throw Digests.signatureDoesNotMatch();
        }
    }

    private static boolean present(PostForm form, String... names) {
        return Stream.of(names).anyMatch(name -> form.get(name) != null);
    }
}
