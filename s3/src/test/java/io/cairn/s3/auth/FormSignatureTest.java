package io.cairn.s3.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.s3.S3Error;
import io.cairn.s3.S3Exception;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A browser form's signature, against AWS's own example and independently computed vectors, and its refusals. */
class FormSignatureTest {
    private static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final FormSignature VERIFIER = new FormSignature(
            key -> key.equals(KEY) ? Optional.of(SECRET) : Optional.empty());

    /** AWS's "Example: Browser-Based Upload using HTTP POST (Using AWS Signature Version 4)", byte for byte. */
    private static final String AWS_EXAMPLE_POLICY = String.join("\r\n",
            "{ \"expiration\": \"2015-12-30T12:00:00.000Z\",",
            "  \"conditions\": [",
            "    {\"bucket\": \"sigv4examplebucket\"},",
            "    [\"starts-with\", \"$key\", \"user/user1/\"],",
            "    {\"acl\": \"public-read\"},",
            "    {\"success_action_redirect\": \"http://sigv4examplebucket.s3.amazonaws.com/successful_upload.html\"},",
            "    [\"starts-with\", \"$Content-Type\", \"image/\"],",
            "    {\"x-amz-meta-uuid\": \"14365123651274\"},",
            "    {\"x-amz-server-side-encryption\": \"AES256\"},",
            "    [\"starts-with\", \"$x-amz-meta-tag\", \"\"],",
            "",
            "    {\"x-amz-credential\": \"AKIAIOSFODNN7EXAMPLE/20151229/us-east-1/s3/aws4_request\"},",
            "    {\"x-amz-algorithm\": \"AWS4-HMAC-SHA256\"},",
            "    {\"x-amz-date\": \"20151229T000000Z\" }",
            "  ]",
            "}");
    private static final String AWS_EXAMPLE_SIGNATURE =
            "8afdbf4008c03f22c2cd3cdb72e4afbb1f6a588f3255ac628749a66d7f09699e";
    /** A V2 form's policy and its base64 HMAC-SHA1 under {@link #SECRET}, computed with Python's hmac module. */
    private static final String V2_POLICY = "eyJleHBpcmF0aW9uIjogIjIwMzAtMDEtMDFUMDA6MDA6MDBaIiwgImNvbmRpdGlvbnMiOiBbeyJ"
            + "idWNrZXQiOiAiYiJ9LCB7ImtleSI6ICJrIn1dfQ==";
    private static final String V2_SIGNATURE = "hSjlYSXg4Veqxhz3QHMqbOTFzHY=";

    @Test
    void awsSigV4ExampleChecksOutWithFieldNamesInAnyCase() {
        Map<String, String> form = v4Form();
        assertThat(VERIFIER.verify(PostForm.of(form))).contains(KEY);
    }

    @Test
    void aV2FormChecksOut() {
        assertThat(VERIFIER.verify(PostForm.of(v2Form()))).contains(KEY);
    }

    @Test
    void aFormWithoutCredentialFieldsIsAnonymousEvenWithAPolicy() {
        assertThat(VERIFIER.verify(PostForm.of(Map.of("key", "k", "policy", V2_POLICY)))).isEmpty();
    }

    @Test
    void aChangedPolicyOrSignatureIsSignatureDoesNotMatch() {
        Map<String, String> v4 = v4Form();
        v4.put("Policy", base64(AWS_EXAMPLE_POLICY.replace("user/user1/", "user/")));
        assertRefused(v4, S3Error.SignatureDoesNotMatch);
        Map<String, String> v2 = v2Form();
        v2.put("signature", new StringBuilder(V2_SIGNATURE).reverse().toString());
        assertRefused(v2, S3Error.SignatureDoesNotMatch);
    }

    @Test
    void anUnknownAccessKeyIsInvalidAccessKeyId() {
        Map<String, String> v2 = v2Form();
        v2.put("AWSAccessKeyId", "foo");
        assertRefused(v2, S3Error.InvalidAccessKeyId);
    }

    @Test
    void aMissingFieldIsNamedAsS3NamesIt() {
        Map<String, String> v2 = v2Form();
        v2.remove("signature");
        assertThatThrownBy(() -> VERIFIER.verify(PostForm.of(v2))).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.error()).isEqualTo(S3Error.InvalidArgument);
            assertThat(e.getMessage()).contains("field named 'Signature'");
        });
        Map<String, String> v4 = v4Form();
        v4.remove("X-Amz-Signature");
        assertThatThrownBy(() -> VERIFIER.verify(PostForm.of(v4))).hasMessageContaining("'X-Amz-Signature'");
    }

    @Test
    void aCredentialOfAnotherDayOrAnotherAlgorithmIsRefused() {
        Map<String, String> otherDay = v4Form();
        otherDay.put("X-Amz-Date", "20151230T000000Z");
        assertRefused(otherDay, S3Error.InvalidArgument);
        Map<String, String> sha1 = v4Form();
        sha1.put("X-Amz-Algorithm", "AWS4-HMAC-SHA1");
        assertRefused(sha1, S3Error.InvalidArgument);
        Map<String, String> both = v4Form();
        both.put("AWSAccessKeyId", KEY);
        assertRefused(both, S3Error.InvalidArgument);
    }

    private static Map<String, String> v4Form() {
        Map<String, String> form = new HashMap<>();
        form.put("key", "user/user1/${filename}");
        form.put("X-Amz-Credential", KEY + "/20151229/us-east-1/s3/aws4_request");
        form.put("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
        form.put("X-Amz-Date", "20151229T000000Z");
        form.put("Policy", base64(AWS_EXAMPLE_POLICY));
        form.put("X-Amz-Signature", AWS_EXAMPLE_SIGNATURE);
        return form;
    }

    private static Map<String, String> v2Form() {
        Map<String, String> form = new HashMap<>();
        form.put("key", "k");
        form.put("AWSAccessKeyId", KEY);
        form.put("policy", V2_POLICY);
        form.put("signature", V2_SIGNATURE);
        return form;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRefused(Map<String, String> form, S3Error error) {
        assertThatThrownBy(() -> VERIFIER.verify(PostForm.of(form)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.error()).isEqualTo(error));
    }
}
