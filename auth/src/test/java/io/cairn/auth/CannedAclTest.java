package io.cairn.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.model.Acl;
import io.cairn.core.model.Acl.Grant;
import io.cairn.core.model.Acl.Permission;
import java.util.List;
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

    /** ACL on the bucket ("-") or on an object of bucket owner bob; request by anonymous, alice or bob. */
    @ParameterizedTest(name = "{0} on {1}: {2} {3} -> {4}")
    @CsvSource({
            "public-read, -, anonymous, s3:ListBucket, true",
            "public-read, -, anonymous, s3:ListBucketVersions, true",
            "public-read, -, anonymous, s3:ListBucketMultipartUploads, true",
            "public-read, -, anonymous, s3:GetObject, false",
            "public-read, -, anonymous, s3:PutObject, false",
            "public-read, -, anonymous, s3:GetBucketAcl, false",
            "public-read-write, -, anonymous, s3:ListBucket, true",
            "public-read-write, -, anonymous, s3:PutObject, true",
            "public-read-write, -, anonymous, s3:DeleteObject, true",
            "public-read-write, -, anonymous, s3:DeleteBucket, false",
            "public-read-write, -, anonymous, s3:PutBucketAcl, false",
            "authenticated-read, -, alice, s3:ListBucket, true",
            "authenticated-read, -, anonymous, s3:ListBucket, false",
            "log-delivery-write, -, alice, s3:PutObject, false",
            "private, -, alice, s3:ListBucket, false",
            "private, -, bob, s3:PutBucketAcl, true",
            "public-read, k, anonymous, s3:GetObject, true",
            "public-read, k, anonymous, s3:GetObjectVersion, true",
            "public-read, k, anonymous, s3:GetObjectAcl, false",
            "public-read, k, anonymous, s3:PutObjectAcl, false",
            "public-read-write, k, anonymous, s3:GetObject, true",
            "authenticated-read, k, alice, s3:GetObject, true",
            "authenticated-read, k, anonymous, s3:GetObject, false",
            "private, k, alice, s3:GetObject, false",
            "private, k, bob, s3:GetObjectAcl, true",
            "bucket-owner-read, k, alice, s3:GetObject, false",
    })
    void grants(String acl, String key, String who, String action, boolean allowed) {
        Principal principal = who.equals("anonymous") ? Principal.anonymous() : Principal.user(who);
        Acl granted = new Acl("bob", CannedAcl.parse(acl).grants("bob", "bob"));
        assertThat(key.equals("-") ? AclGrants.allowsOnBucket(granted, principal, action)
                : AclGrants.allowsOnObject(granted, principal, action)).isEqualTo(allowed);
    }

    @Test
    void listsTheOwnersFullControlLast() {
        assertThat(CannedAcl.PRIVATE.grants("bob", "bob")).containsExactly(Grant.toUser("bob",
                Permission.FULL_CONTROL));
        assertThat(CannedAcl.PUBLIC_READ_WRITE.grants("bob", "bob")).containsExactly(
                Grant.toGroup(Acl.ALL_USERS, Permission.READ), Grant.toGroup(Acl.ALL_USERS, Permission.WRITE),
                Grant.toUser("bob", Permission.FULL_CONTROL));
    }

    @Test
    void theBucketOwnerAclsGrantTheBucketsOwnerWhenAnotherUserWrote() {
        assertThat(CannedAcl.BUCKET_OWNER_READ.grants("alice", "bob")).containsExactly(
                Grant.toUser("bob", Permission.READ), Grant.toUser("alice", Permission.FULL_CONTROL));
        assertThat(CannedAcl.BUCKET_OWNER_FULL_CONTROL.grants("alice", "bob")).containsExactly(
                Grant.toUser("bob", Permission.FULL_CONTROL), Grant.toUser("alice", Permission.FULL_CONTROL));
        assertThat(CannedAcl.BUCKET_OWNER_READ.grants("bob", "bob")).containsExactly(
                Grant.toUser("bob", Permission.FULL_CONTROL));
        Acl read = new Acl("alice", CannedAcl.BUCKET_OWNER_READ.grants("alice", "bob"));
        assertThat(AclGrants.allowsOnObject(read, Principal.user("bob"), S3Actions.GET_OBJECT)).isTrue();
        assertThat(AclGrants.allowsOnObject(read, Principal.user("bob"), S3Actions.PUT_OBJECT_ACL)).isFalse();
        assertThat(AclGrants.allowsOnObject(read, Principal.user("alice"), S3Actions.PUT_OBJECT_ACL)).isTrue();
    }

    @Test
    void anObjectsOwnerKeepsFullControlWhateverItsGrantsSay() {
        Acl revoked = new Acl("alice", List.of());
        assertThat(AclGrants.allowsOnObject(revoked, Principal.user("alice"), S3Actions.GET_OBJECT)).isTrue();
        assertThat(AclGrants.allowsOnObject(revoked, Principal.user("alice"), S3Actions.PUT_OBJECT_ACL)).isTrue();
        assertThat(AclGrants.allowsOnObject(revoked, Principal.user("bob"), S3Actions.GET_OBJECT)).isFalse();
        assertThat(AclGrants.allowsOnObject(null, Principal.user("alice"), S3Actions.GET_OBJECT)).isFalse();
    }

    @Test
    void aGrantToOneUserAllowsNoOtherAndAnObjectAclNothingOutsideTheObject() {
        Acl grant = new Acl("bob", List.of(Grant.toUser("carol", Permission.FULL_CONTROL)));
        assertThat(AclGrants.allowsOnObject(grant, Principal.user("carol"), S3Actions.PUT_OBJECT_ACL)).isTrue();
        assertThat(AclGrants.allowsOnObject(grant, Principal.user("dave"), S3Actions.GET_OBJECT)).isFalse();
        assertThat(AclGrants.allowsOnObject(grant, Principal.anonymous(), S3Actions.GET_OBJECT)).isFalse();
        assertThat(AclGrants.allowsOnObject(grant, Principal.user("carol"), S3Actions.DELETE_OBJECT)).isFalse();
        assertThat(AclGrants.allowsOnBucket(grant, Principal.user("carol"), S3Actions.DELETE_BUCKET)).isFalse();
        assertThat(AclGrants.allowsOnBucket(grant, Principal.user("carol"), S3Actions.PUT_BUCKET_POLICY)).isFalse();
    }
}
