package io.cairn.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A browser form's policy: what S3 refuses to read (400), and the forms it does not allow (403). */
class PostPolicyTest {
    private static final String EXPIRATION = "\"expiration\": \"2030-01-01T12:00:00.000Z\"";
    private static final Map<String, String> FORM = Map.of("key", "user/eric/photo.jpg", "acl", "public-read",
            "content-type", "image/jpeg", "x-amz-meta-tag", "", "policy", "p", "signature", "s",
            "awsaccesskeyid", "a", "x-ignore-submit", "Upload", "x-amz-checksum-sha256", "c");

    @Test
    void aFormMeetingEveryConditionPassesWithItsSizeRange() {
        PostPolicy policy = policy("{\"bucket\": \"photos\"}, [\"starts-with\", \"$key\", \"user/eric/\"],"
                + " {\"acl\": \"public-read\"}, [\"eq\", \"$Content-Type\", \"image/jpeg\"],"
                + " [\"starts-with\", \"$x-amz-meta-tag\", \"\"], [\"content-length-range\", 1, 1048576]");
        assertThat(policy.check(FORM, "photos")).isEqualTo(new PostPolicy.LengthRange(1, 1048576));
    }

    @Test
    void namesAndOperatorsMatchInAnyCaseAndValuesExactly() {
        PostPolicy loose = policy("{\"bUcKeT\": \"photos\"}, [\"StArTs-WiTh\", \"$KeY\", \"user/\"], {\"AcL\":"
                + " \"public-read\"}, [\"starts-with\", \"$CoNtEnT-TyPe\", \"image/\"], {\"x-amz-meta-tag\": \"\"}");
        assertThat(loose.check(FORM, "photos")).isEqualTo(PostPolicy.LengthRange.ANY);
        PostPolicy strict = policy("{\"bucket\": \"photos\"}, [\"starts-with\", \"$key\", \"User/\"], {\"acl\":"
                + " \"public-read\"}, {\"content-type\": \"image/jpeg\"}, {\"x-amz-meta-tag\": \"\"}");
        assertDenied(() -> strict.check(FORM, "photos"),
                "Policy Condition failed: [\"starts-with\", \"$key\", \"User/\"]");
    }

    @Test
    void theBucketConditionIsTheBucketPostedTo() {
        PostPolicy policy = policy("{\"bucket\": \"photos\"}, [\"starts-with\", \"$key\", \"\"]");
        Map<String, String> form = Map.of("key", "k", "bucket", "photos");
        assertThat(policy.check(form, "photos")).isEqualTo(PostPolicy.LengthRange.ANY);
        assertDenied(() -> policy.check(form, "other"), "[\"eq\", \"$bucket\", \"photos\"]");
    }

    @Test
    void aFieldNoConditionNamesIsRefusedUnlessExempt() {
        PostPolicy policy = policy("[\"starts-with\", \"$key\", \"\"], {\"acl\": \"public-read\"},"
                + " [\"starts-with\", \"$x-amz-meta-tag\", \"\"]");
        assertDenied(() -> policy.check(FORM, "b"), "Extra input fields: content-type");
    }

    @Test
    void aConditionOnAnAbsentFieldFailsEvenAnEmptyPrefix() {
        PostPolicy policy = policy("[\"starts-with\", \"$key\", \"\"], [\"starts-with\", \"$x-amz-meta-foo\", \"\"]");
        assertDenied(() -> policy.check(Map.of("key", "k"), "b"), "$x-amz-meta-foo");
    }

    @Test
    void eachContentTypeOfAListMustHaveThePrefix() {
        PostPolicy policy = policy("[\"starts-with\", \"$key\", \"\"], [\"starts-with\", \"$Content-Type\", \"image/\"]");
        assertThat(policy.check(Map.of("key", "k", "content-type", "image/jpg, image/png"), "b"))
                .isEqualTo(PostPolicy.LengthRange.ANY);
        assertDenied(() -> policy.check(Map.of("key", "k", "content-type", "image/jpg,text/plain"), "b"),
                "Policy Condition failed");
    }

    @Test
    void anExpiredPolicyIsDenied() {
        PostPolicy policy = policy("{\"key\": \"k\"}");
        policy.requireUnexpired(Instant.parse("2030-01-01T11:59:59Z"));
        assertDenied(() -> policy.requireUnexpired(Instant.parse("2030-01-01T12:00:00Z")), "Policy expired.");
    }

    @Test
    void documentsS3DoesNotReadAreInvalidPolicyDocument() {
        assertInvalid("not base64!", "invalid Base64");
        assertInvalid(base64("{\"expiration\": "), "Invalid JSON.");
        assertInvalid(base64("{\"conditions\": []}"), "Policy missing expiration.");
        assertInvalid(base64("{" + EXPIRATION + "}"), "Policy missing conditions.");
        assertInvalid(base64("{" + EXPIRATION + ", \"CONDITIONS\": []}"), "Unexpected: 'conditions'");
        assertInvalid(base64("{\"EXPIRATION\": \"2030-01-01T12:00:00Z\", \"conditions\": []}"), "Unexpected");
        assertInvalid(base64("{\"expiration\": \"2030-01-01 12:00:00.123456+00:00\", \"conditions\": []}"),
                "Invalid 'expiration' value");
        assertInvalid(base64("{\"expiration\": \"2030-01-01T12:00:00+02:00\", \"conditions\": []}"),
                "Invalid 'expiration' value");
        assertInvalid(conditions("{}"), "exactly one property");
        assertInvalid(conditions("{\"a\": \"1\", \"b\": \"2\"}"), "exactly one property");
        assertInvalid(conditions("{\"content-length\": 5}"), "value must be a string");
        assertInvalid(conditions("[]"), "missing operation identifier");
        assertInvalid(conditions("[\"ends-with\", \"$key\", \"x\"]"), "unknown operation 'ends-with'");
        assertInvalid(conditions("[\"content-length-range\", 0]"), "wrong number of arguments");
        assertInvalid(conditions("[\"content-length-range\", -1, 0]"), "at least 0");
        assertInvalid(conditions("[\"content-length-range\", 10, 1]"), "larger than the maximum");
        assertInvalid(conditions("\"key\""), "must be a List or Object");
        assertInvalid(base64("{" + EXPIRATION + ", \"conditions\": {}}"), "must be a List");
    }

    @Test
    void lengthRangesIntersectAndAcceptTheirBoundsAsText() {
        PostPolicy policy = policy("[\"content-length-range\", \"5\", \"100\"], [\"content-length-range\", 0, 10],"
                + " [\"starts-with\", \"$key\", \"\"]");
        assertThat(policy.check(Map.of("key", "k"), "b")).isEqualTo(new PostPolicy.LengthRange(5, 10));
    }

    @Test
    void aFileOutsideTheRangeIsRefusedAsItStreams() throws Exception {
        PostPolicy.LengthRange range = new PostPolicy.LengthRange(5, 10);
        assertThat(range.check(stream(5)).readAllBytes()).hasSize(5);
        assertThat(range.check(stream(10)).readAllBytes()).hasSize(10);
        assertThatThrownBy(() -> range.check(stream(11)).readAllBytes())
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.error()).isEqualTo(S3Error.EntityTooLarge));
        assertThatThrownBy(() -> range.check(stream(4)).readAllBytes())
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.error()).isEqualTo(S3Error.EntityTooSmall));
    }

    private static InputStream stream(int size) {
        return new ByteArrayInputStream(new byte[size]);
    }

    private static PostPolicy policy(String conditions) {
        return PostPolicy.parse(conditions(conditions));
    }

    private static String conditions(String conditions) {
        return base64("{" + EXPIRATION + ", \"conditions\": [" + conditions + "]}");
    }

    private static String base64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertInvalid(String base64, String message) {
        assertThatThrownBy(() -> PostPolicy.parse(base64)).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.error()).isEqualTo(S3Error.InvalidPolicyDocument);
            assertThat(e.getMessage()).startsWith("Invalid Policy: ").contains(message);
        });
    }

    private static void assertDenied(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.error()).isEqualTo(S3Error.AccessDenied);
            assertThat(e.getMessage()).startsWith("Invalid according to Policy: ").contains(message);
        });
    }
}
