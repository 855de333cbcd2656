package io.cairn.auth;

import static io.cairn.auth.Decision.ALLOW;
import static io.cairn.auth.Decision.DENY;
import static io.cairn.auth.Decision.IMPLICIT_DENY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class CannedAclTest {
    @ParameterizedTest
    @EnumSource(CannedAcl.class)
    void parsesItsWireName(CannedAcl acl) {
        assertThat(CannedAcl.parse(acl.wireName())).isEqualTo(acl);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Public-Read", "public_read", "", " private", "public"})
    void refusesOtherValuesNamingThem(String value) {
        assertThatThrownBy(() -> CannedAcl.parse(value)).isInstanceOf(PolicyException.class)
                .hasMessageContaining("unknown canned ACL '" + value + "'")
                .hasMessageContaining("private, public-read, public-read-write, authenticated-read");
    }

    /** ACL on the bucket (key "-") or on object "k" of bucket "b"; request by anonymous, alice or nobody's. */
    @ParameterizedTest(name = "{0} on {1}: {2} {3} {4} -> {5}")
    @CsvSource({
            "public-read, -, anonymous, s3:ListBucket, b, ALLOW",
            "public-read, -, anonymous, s3:ListBucketVersions, b, ALLOW",
            "public-read, -, anonymous, s3:ListBucketMultipartUploads, b, ALLOW",
            "public-read, -, anonymous, s3:GetObject, b/k, IMPLICIT_DENY",
            "public-read, -, anonymous, s3:PutObject, b/k, IMPLICIT_DENY",
            "public-read, -, anonymous, s3:GetBucketAcl, b, IMPLICIT_DENY",
            "public-read, -, anonymous, s3:ListBucket, other, IMPLICIT_DENY",
            "public-read-write, -, anonymous, s3:ListBucket, b, ALLOW",
            "public-read-write, -, anonymous, s3:PutObject, b/any/key, ALLOW",
            "public-read-write, -, anonymous, s3:DeleteObject, b/k, ALLOW",
            "public-read-write, -, anonymous, s3:DeleteBucket, b, IMPLICIT_DENY",
            "public-read-write, -, anonymous, s3:PutBucketAcl, b, IMPLICIT_DENY",
            "authenticated-read, -, alice, s3:ListBucket, b, ALLOW",
            "authenticated-read, -, anonymous, s3:ListBucket, b, IMPLICIT_DENY",
            "public-read, k, anonymous, s3:GetObject, b/k, ALLOW",
            "public-read, k, anonymous, s3:GetObjectVersion, b/k, ALLOW",
            "public-read, k, anonymous, s3:GetObject, b/k2, IMPLICIT_DENY",
            "public-read, k, anonymous, s3:ListBucket, b, IMPLICIT_DENY",
            "public-read, k, anonymous, s3:PutObject, b/k, IMPLICIT_DENY",
            "public-read-write, k, anonymous, s3:GetObject, b/k, ALLOW",
            "public-read-write, k, anonymous, s3:PutObject, b/k, IMPLICIT_DENY",
            "authenticated-read, k, alice, s3:GetObject, b/k, ALLOW",
            "authenticated-read, k, anonymous, s3:GetObject, b/k, IMPLICIT_DENY",
            "private, -, alice, s3:ListBucket, b, IMPLICIT_DENY",
            "bucket-owner-full-control, k, alice, s3:GetObject, b/k, IMPLICIT_DENY",
    })
    void grants(String acl, String key, String who, String action, String path, Decision expected) {
        Principal principal = who.equals("anonymous") ? Principal.anonymous() : Principal.user(who);
        List<Policy> policies = new ArrayList<>();
        CannedAcl.parse(acl).asPolicy("b", key.equals("-") ? null : key).ifPresent(policies::add);
        AccessRequest request = new AccessRequest(principal, action, "arn:aws:s3:::" + path, Map.of());
        assertThat(PolicyEngine.decide(request, List.of(), policies)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(value = CannedAcl.class, names = {"PRIVATE", "BUCKET_OWNER_READ", "BUCKET_OWNER_FULL_CONTROL",
            "LOG_DELIVERY_WRITE", "AWS_EXEC_READ"})
    void grantsNothingBeyondTheOwner(CannedAcl acl) {
        assertThat(acl.asPolicy("b", null)).isEmpty();
        assertThat(acl.asPolicy("b", "k")).isEmpty();
    }

    @Test
    void anObjectAclMatchesOnlyItsKeyWhateverItsCharacters() {
        Policy policy = CannedAcl.PUBLIC_READ.asPolicy("b", "a*b?${aws:username}$").orElseThrow();
        assertThat(policy.isBucketPolicy()).isTrue();
        assertThat(decide(policy, "b/a*b?${aws:username}$", Principal.anonymous())).isEqualTo(ALLOW);
        assertThat(decide(policy, "b/aXXbY${aws:username}$", Principal.anonymous())).isEqualTo(IMPLICIT_DENY);
        assertThat(decide(policy, "b/a*b?alice$", Principal.user("alice"))).isEqualTo(IMPLICIT_DENY);
    }

    @Test
    void aBucketPolicyDenyOverridesAnAcl() {
        Policy acl = CannedAcl.PUBLIC_READ.asPolicy("b", "k").orElseThrow();
        Policy deny = Policy.parseBucketPolicy("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*",
                  "Resource": "arn:aws:s3:::b/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}""", "b");
        AccessRequest request = AccessRequest.s3(Principal.anonymous(), S3Actions.GET_OBJECT, "b", "k",
                Map.of("aws:SecureTransport", List.of("false")));
        assertThat(PolicyEngine.decide(request, List.of(), List.of(deny, acl))).isEqualTo(DENY);
    }

    private static Decision decide(Policy policy, String path, Principal principal) {
        return PolicyEngine.decide(new AccessRequest(principal, S3Actions.GET_OBJECT, "arn:aws:s3:::" + path,
                Map.of()), List.of(), List.of(policy));
    }
}
