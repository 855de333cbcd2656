package io.cairn.meta;

import static io.cairn.meta.TestData.AT;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.core.ErrorCode;
import io.cairn.core.Names;
import io.cairn.core.model.AccessKeyRecord;
import io.cairn.core.model.BucketRecord;
import io.cairn.core.model.PolicyRecord;
import io.cairn.core.model.UserRecord;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Users, access keys, named policies and bucket policies, through the whole stack, accepted and rejected. */
class IdentityTest extends StoreTest {
    private static final String DOCUMENT = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";

    <T> T ok(MetaCommand command, Class<T> type) {
        return log.apply(command).orThrow(type);
    }

    UserRecord user(String name, String... policies) {
        return ok(new MetaCommand.CreateUser(name, AT, List.of(policies)), UserRecord.class);
    }

    AccessKeyRecord key(String id, String user) {
        return ok(new MetaCommand.CreateAccessKey(id, user, "for " + user, "sealed-" + id, AT + 1),
                AccessKeyRecord.class);
    }

    PolicyRecord policy(String name, String document, long at) {
        return ok(new MetaCommand.PutPolicy(name, document, at), PolicyRecord.class);
    }

    @Nested
    class Users {
        @Test
        void createdEnabledWithCannedAndStoredPolicies() {
            policy("team-logs", DOCUMENT, AT);
            UserRecord alice = user("alice", "readonly", "team-logs");
            assertThat(alice).isEqualTo(new UserRecord("alice", AT, true, List.of("readonly", "team-logs")));
            user("Bob.Smith+ci@example.com");
            assertThat(reader.user("alice")).contains(alice);
            assertThat(reader.users()).extracting(UserRecord::name).containsExactly("Bob.Smith+ci@example.com",
                    "alice");
            assertThat(reader.user("carol")).isEmpty();
        }

        @Test
        void rejections() {
            user("alice");
            rejected(new MetaCommand.CreateUser("alice", AT, List.of()), ErrorCode.ALREADY_EXISTS, "already exists");
            rejected(new MetaCommand.CreateUser("bob", AT, List.of("readonly", "no-such")), ErrorCode.NOT_FOUND,
                    "no policy 'no-such'");
            for (String bad : List.of("", "a".repeat(65), "with space", "a/b", "ü", "a\u0000")) {
                rejected(new MetaCommand.CreateUser(bad, AT, List.of()), ErrorCode.INVALID_NAME, "user names");
            }
            rejected(new MetaCommand.SetUserEnabled("bob", false), ErrorCode.NOT_FOUND, "no user 'bob'");
            rejected(new MetaCommand.SetUserPolicies("bob", List.of()), ErrorCode.NOT_FOUND, "no user 'bob'");
            rejected(new MetaCommand.SetUserPolicies("alice", List.of("no-such")), ErrorCode.NOT_FOUND,
                    "no policy 'no-such'");
            rejected(new MetaCommand.DeleteUser("bob"), ErrorCode.NOT_FOUND, "no user 'bob'");
        }

        @Test
        void onePolicyIsAttachedOrDetachedAgainstTheListAsItIsWhenApplied() {
            policy("team-logs", DOCUMENT, AT);
            user("alice", "readonly");
            // Two admins' changes, each made without seeing the other's: both are kept.
            ok(new MetaCommand.ChangeUserPolicy("alice", "team-logs", true), UserRecord.class);
            UserRecord both = ok(new MetaCommand.ChangeUserPolicy("alice", "readwrite", true), UserRecord.class);
            assertThat(both.policies()).containsExactly("readonly", "team-logs", "readwrite");
            assertThat(ok(new MetaCommand.ChangeUserPolicy("alice", "readonly", false), UserRecord.class).policies())
                    .containsExactly("team-logs", "readwrite");
            rejected(new MetaCommand.ChangeUserPolicy("alice", "readwrite", true), ErrorCode.ALREADY_EXISTS,
                    "already has policy 'readwrite'");
            rejected(new MetaCommand.ChangeUserPolicy("alice", "readonly", false), ErrorCode.NOT_FOUND,
                    "not attached");
            rejected(new MetaCommand.ChangeUserPolicy("alice", "no-such", true), ErrorCode.NOT_FOUND,
                    "no policy 'no-such'");
            rejected(new MetaCommand.ChangeUserPolicy("bob", "readonly", true), ErrorCode.NOT_FOUND, "no user 'bob'");
        }

        @Test
        void disabledAndEnabledAgainKeepingKeysAndPolicies() {
            user("alice", "readwrite");
            key("K1", "alice");
            UserRecord disabled = ok(new MetaCommand.SetUserEnabled("alice", false), UserRecord.class);
            assertThat(disabled).isEqualTo(new UserRecord("alice", AT, false, List.of("readwrite")));
            assertThat(reader.user("alice")).contains(disabled);
            assertThat(reader.accessKey("K1")).isPresent();
            assertThat(ok(new MetaCommand.SetUserEnabled("alice", true), UserRecord.class).enabled()).isTrue();
        }

        @Test
        void policiesAreReplacedWhole() {
            policy("team-logs", DOCUMENT, AT);
            user("alice", "readwrite", "team-logs");
            assertThat(ok(new MetaCommand.SetUserPolicies("alice", List.of("diagnostics")), UserRecord.class)
                    .policies()).containsExactly("diagnostics");
            assertThat(ok(new MetaCommand.SetUserPolicies("alice", List.of()), UserRecord.class).policies())
                    .isEmpty();
            assertThat(reader.user("alice").orElseThrow().policies()).isEmpty();
        }

        @Test
        void deletingAUserDeletesItsKeysAndNoOneElses() {
            user("alice");
            user("bob");
            key("A1", "alice");
            key("B1", "bob");
            key("A2", "alice");
            assertThat(ok(new MetaCommand.DeleteUser("alice"), UserRecord.class).name()).isEqualTo("alice");
            assertThat(reader.user("alice")).isEmpty();
            assertThat(reader.accessKeys()).extracting(AccessKeyRecord::accessKeyId).containsExactly("B1");
            // A new namesake starts without the old one's keys.
            user("alice");
            assertThat(reader.accessKey("A1")).isEmpty();
        }
    }

    @Nested
    class AccessKeys {
        @Test
        void createdEnabledForAnExistingUser() {
            user("alice");
            AccessKeyRecord created = key("K1", "alice");
            assertThat(created).isEqualTo(new AccessKeyRecord("K1", "alice", "for alice", "sealed-K1", AT + 1, true));
            assertThat(reader.accessKey("K1")).contains(created);
            AccessKeyRecord unlabelled = ok(new MetaCommand.CreateAccessKey("K0", "alice", null, "s", AT),
                    AccessKeyRecord.class);
            assertThat(reader.accessKeys()).containsExactly(unlabelled, created);
        }

        @Test
        void idsAreUniqueAcrossUsers() {
            user("alice");
            user("bob");
            key("K1", "alice");
            rejected(new MetaCommand.CreateAccessKey("K1", "bob", null, "other", AT), ErrorCode.ALREADY_EXISTS,
                    "access key 'K1' already exists");
            rejected(new MetaCommand.CreateAccessKey("K1", "alice", null, "other", AT), ErrorCode.ALREADY_EXISTS,
                    "already exists");
            assertThat(reader.accessKey("K1").orElseThrow().user()).isEqualTo("alice");
        }

        @Test
        void rejections() {
            user("alice");
            rejected(new MetaCommand.CreateAccessKey("K1", "bob", null, "s", AT), ErrorCode.NOT_FOUND, "no user 'bob'");
            for (String bad : List.of("", "with space", "ключ", "K".repeat(129))) {
                rejected(new MetaCommand.CreateAccessKey(bad, "alice", null, "s", AT), ErrorCode.INVALID_ARGUMENT,
                        "printable ASCII");
            }
            rejected(new MetaCommand.SetAccessKeyEnabled("K9", false), ErrorCode.NOT_FOUND, "no access key 'K9'");
            rejected(new MetaCommand.DeleteAccessKey("K9"), ErrorCode.NOT_FOUND, "no access key 'K9'");
        }

        @Test
        void disabledEnabledAndDeleted() {
            user("alice");
            key("K1", "alice");
            assertThat(ok(new MetaCommand.SetAccessKeyEnabled("K1", false), AccessKeyRecord.class).enabled())
                    .isFalse();
            assertThat(reader.accessKey("K1").orElseThrow().enabled()).isFalse();
            assertThat(ok(new MetaCommand.SetAccessKeyEnabled("K1", true), AccessKeyRecord.class).enabled()).isTrue();
            assertThat(ok(new MetaCommand.DeleteAccessKey("K1"), AccessKeyRecord.class).accessKeyId()).isEqualTo("K1");
            assertThat(reader.accessKey("K1")).isEmpty();
            assertThat(reader.user("alice")).isPresent();
        }

        @Test
        void theSealedSecretIsNeverPrinted() {
            user("alice");
            AccessKeyRecord key = ok(new MetaCommand.CreateAccessKey("K1", "alice", "ci", "SEALED-BYTES", AT),
                    AccessKeyRecord.class);
            assertThat(key.sealedSecret()).isEqualTo("SEALED-BYTES");
            assertThat(key.toString()).contains("K1", "alice", "ci").doesNotContain("SEALED-BYTES");
            assertThat(new MetaCommand.CreateAccessKey("K1", "alice", "ci", "SEALED-BYTES", AT).toString())
                    .contains("K1").doesNotContain("SEALED-BYTES");
        }
    }

    @Nested
    class Policies {
        @Test
        void putCreatesThenReplacesKeepingTheCreationTime() {
            assertThat(policy("team-logs", DOCUMENT, AT)).isEqualTo(new PolicyRecord("team-logs", DOCUMENT, AT));
            PolicyRecord replaced = policy("team-logs", "{}", AT + 9);
            assertThat(replaced).isEqualTo(new PolicyRecord("team-logs", "{}", AT));
            policy("audit", DOCUMENT, AT);
            assertThat(reader.policy("team-logs")).contains(replaced);
            assertThat(reader.policies()).extracting(PolicyRecord::name).containsExactly("audit", "team-logs");
        }

        @Test
        void deletionIsRefusedWhileAUserHasThePolicy() {
            policy("team-logs", DOCUMENT, AT);
            user("alice", "readonly");
            user("bob", "team-logs");
            rejected(new MetaCommand.DeletePolicy("team-logs"), ErrorCode.CONFLICT,
                    "policy 'team-logs' is attached to user 'bob'");
            ok(new MetaCommand.SetUserPolicies("bob", List.of("readonly")), UserRecord.class);
            assertThat(ok(new MetaCommand.DeletePolicy("team-logs"), PolicyRecord.class).name()).isEqualTo("team-logs");
            assertThat(reader.policy("team-logs")).isEmpty();
            rejected(new MetaCommand.SetUserPolicies("bob", List.of("team-logs")), ErrorCode.NOT_FOUND,
                    "no policy 'team-logs'");
        }

        @Test
        void aPolicyAttachedEarlierInTheSameBatchBlocksItsDeletion() {
            List<MetaCommand> batch = List.of(new MetaCommand.PutPolicy("team-logs", DOCUMENT, AT),
                    new MetaCommand.CreateUser("alice", AT, List.of("team-logs")),
                    new MetaCommand.DeletePolicy("team-logs"));
            List<ApplyResult> results = db.apply(1, reader.applied().index() + 1, CommandCodec.encodeBatch(batch));
            assertThat(results.get(1)).isInstanceOf(ApplyResult.Ok.class);
            assertThat(results.get(2)).isEqualTo(new ApplyResult.Rejected(ErrorCode.CONFLICT,
                    "policy 'team-logs' is attached to user 'alice'"));
            assertThat(reader.policy("team-logs")).isPresent();
        }

        @Test
        void cannedNamesCanNeitherBeStoredNorDeleted() {
            for (String canned : UserRecord.CANNED_POLICIES) {
                rejected(new MetaCommand.PutPolicy(canned, DOCUMENT, AT), ErrorCode.INVALID_ARGUMENT,
                        "'" + canned + "' is a canned policy");
                rejected(new MetaCommand.DeletePolicy(canned), ErrorCode.INVALID_ARGUMENT,
                        "'" + canned + "' is a canned policy");
            }
            assertThat(reader.policies()).isEmpty();
        }

        @Test
        void rejections() {
            rejected(new MetaCommand.DeletePolicy("no-such"), ErrorCode.NOT_FOUND, "no policy 'no-such'");
            for (String bad : List.of("", "a".repeat(129), "a b", "a/b", "a:b")) {
                rejected(new MetaCommand.PutPolicy(bad, DOCUMENT, AT), ErrorCode.INVALID_NAME, "policy names");
            }
            assertThat(policy("a".repeat(128), DOCUMENT, AT).name()).hasSize(128);
        }
    }

    @Nested
    class BucketPolicies {
        @Test
        void setReplacedAndDeleted() {
            ok(new MetaCommand.CreateBucket("photos", AT, null), BucketRecord.class);
            assertThat(reader.bucketPolicy("photos")).isEmpty();
            assertThat(ok(new MetaCommand.SetBucketPolicy("photos", DOCUMENT), String.class)).isEqualTo(DOCUMENT);
            assertThat(reader.bucketPolicy("photos")).contains(DOCUMENT);
            ok(new MetaCommand.SetBucketPolicy("photos", "{}"), String.class);
            assertThat(reader.bucketPolicy("photos")).contains("{}");
            assertThat(reader.bucketPolicy(Names.DEFAULT_BUCKET)).isEmpty();

            assertThat(ok(new MetaCommand.DeleteBucketPolicy("photos"), Boolean.class)).isTrue();
            assertThat(reader.bucketPolicy("photos")).isEmpty();
            String before = StateDigest.of(db.store().live());
            assertThat(ok(new MetaCommand.DeleteBucketPolicy("photos"), Boolean.class)).isFalse();
            assertThat(StateDigest.of(db.store().live())).isEqualTo(before);
        }

        @Test
        void aMissingBucketHasNone() {
            rejected(new MetaCommand.SetBucketPolicy("missing", DOCUMENT), ErrorCode.NO_SUCH_BUCKET, "does not exist");
            rejected(new MetaCommand.DeleteBucketPolicy("missing"), ErrorCode.NO_SUCH_BUCKET, "does not exist");
        }

        @Test
        void deletingTheBucketDeletesItsPolicy() {
            ok(new MetaCommand.CreateBucket("photos", AT, null), BucketRecord.class);
            ok(new MetaCommand.SetBucketPolicy("photos", DOCUMENT), String.class);
            ok(new MetaCommand.DeleteBucket("photos"), BucketRecord.class);
            assertThat(reader.bucketPolicy("photos")).isEmpty();
            ok(new MetaCommand.CreateBucket("photos", AT + 1, null), BucketRecord.class);
            assertThat(reader.bucketPolicy("photos")).isEmpty();
        }
    }

    @Nested
    class BucketCors {
        private static final String CORS = RecordCodecTest.BUCKET_CORS;

        @Test
        void setReplacedAndRemoved() {
            ok(new MetaCommand.CreateBucket("photos", AT, null), BucketRecord.class);
            assertThat(reader.bucketCors("photos")).isEmpty();
            assertThat(ok(new MetaCommand.SetBucketCors("photos", CORS), Boolean.class)).isFalse();
            assertThat(reader.bucketCors("photos")).contains(CORS);
            assertThat(ok(new MetaCommand.SetBucketCors("photos", "<CORSConfiguration/>"), Boolean.class)).isTrue();
            assertThat(reader.bucketCors("photos")).contains("<CORSConfiguration/>");
            assertThat(reader.bucketCors(Names.DEFAULT_BUCKET)).isEmpty();

            assertThat(ok(new MetaCommand.SetBucketCors("photos", null), Boolean.class)).isTrue();
            assertThat(reader.bucketCors("photos")).isEmpty();
            String before = StateDigest.of(db.store().live());
            assertThat(ok(new MetaCommand.SetBucketCors("photos", null), Boolean.class)).isFalse();
            assertThat(StateDigest.of(db.store().live())).isEqualTo(before);
        }

        @Test
        void aMissingBucketHasNone() {
            rejected(new MetaCommand.SetBucketCors("missing", CORS), ErrorCode.NO_SUCH_BUCKET, "does not exist");
            rejected(new MetaCommand.SetBucketCors("missing", null), ErrorCode.NO_SUCH_BUCKET, "does not exist");
            assertThat(reader.bucketCors("missing")).isEmpty();
        }

        @Test
        void deletingTheBucketDeletesItsConfiguration() {
            ok(new MetaCommand.CreateBucket("photos", AT, null), BucketRecord.class);
            ok(new MetaCommand.SetBucketCors("photos", CORS), Boolean.class);
            ok(new MetaCommand.DeleteBucket("photos"), BucketRecord.class);
            assertThat(reader.bucketCors("photos")).isEmpty();
            ok(new MetaCommand.CreateBucket("photos", AT + 1, null), BucketRecord.class);
            assertThat(reader.bucketCors("photos")).isEmpty();
        }
    }
}
