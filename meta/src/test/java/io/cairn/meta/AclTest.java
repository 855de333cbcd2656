package io.cairn.meta;

import static io.cairn.meta.TestData.AT;
import static io.cairn.meta.TestData.commit;
import static io.cairn.meta.TestData.written;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.core.ErrorCode;
import io.cairn.core.model.Acl;
import io.cairn.core.model.Acl.Grant;
import io.cairn.core.model.Acl.Permission;
import io.cairn.core.model.BucketRecord;
import io.cairn.core.model.ContentInfo;
import io.cairn.core.model.KeyDeletion;
import io.cairn.core.model.ObjectOwnership;
import io.cairn.core.model.ObjectVersion;
import io.cairn.core.model.PublicAccessBlock;
import io.cairn.core.model.UserRecord;
import io.cairn.core.model.Versioning;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ACLs of buckets and versions: set with a write or after it, kept per version, decided at apply time. */
class AclTest extends StoreTest {
    private static final Acl PUBLIC_READ = new Acl("alice", List.of(Grant.toUser("alice", Permission.FULL_CONTROL),
            Grant.toGroup(Acl.ALL_USERS, Permission.READ)));

    @BeforeEach
    void users() {
        log.apply(new MetaCommand.CreateUser("alice", AT, List.of())).orThrow(UserRecord.class);
        log.apply(new MetaCommand.CreateBucket("photos", AT, Versioning.ENABLED, "alice",
                new Acl(null, List.of(Grant.toGroup(Acl.AUTHENTICATED_USERS, Permission.READ)))))
                .orThrow(BucketRecord.class);
    }

    private ObjectVersion put(String key, String seed, Acl acl) {
        MetaCommand.CommitVersion c = commit("photos", key, written(seed, 3, "n1", "n2"));
        return log.apply(new MetaCommand.CommitVersion(c.bucket(), c.key(), c.size(), c.chunkSize(), c.replication(),
                c.contentType(), c.metadata(), c.chunks(), c.ifNoneMatch(), c.at(), c.requestId(),
                new ContentInfo("etag-" + seed, null, Map.of(), null, acl))).orThrow(ObjectVersion.class);
    }

    @Test
    void aBucketKeepsTheAclItWasCreatedWithUntilItIsReplaced() {
        assertThat(reader.bucket("photos").orElseThrow().acl().grants())
                .containsExactly(Grant.toGroup(Acl.AUTHENTICATED_USERS, Permission.READ));
        Acl none = log.apply(new MetaCommand.SetAcl("photos", null, null, new Acl("ignored", List.of())))
                .orThrow(Acl.class);
        assertThat(none).isEqualTo(new Acl(null, List.of()));
        assertThat(reader.bucket("photos").orElseThrow().acl()).isEqualTo(none);
        assertThat(reader.bucketOwner("photos")).contains("alice");
    }

    @Test
    void eachVersionHasItsOwnAclAndANewVersionStartsWithTheOneItsWriterGave() {
        ObjectVersion first = put("k", "one", PUBLIC_READ);
        ObjectVersion second = put("k", "two", null);
        assertThat(reader.version("photos", "k", first.version()).orElseThrow().acl()).isEqualTo(PUBLIC_READ);
        assertThat(reader.version("photos", "k", second.version()).orElseThrow().acl()).isNull();

        Acl granted = new Acl("mallory", List.of(Grant.toUser("alice", Permission.READ)));
        Acl set = log.apply(new MetaCommand.SetAcl("photos", "k", first.version(), granted)).orThrow(Acl.class);
        assertThat(set.owner()).as("the writer stays the owner").isEqualTo("alice");
        assertThat(reader.version("photos", "k", first.version()).orElseThrow().acl()).isEqualTo(set);
        assertThat(reader.version("photos", "k", second.version()).orElseThrow().acl()).isNull();

        Acl latest = log.apply(new MetaCommand.SetAcl("photos", "k", null, granted)).orThrow(Acl.class);
        assertThat(latest.owner()).as("the bucket owner's object").isNull();
        assertThat(reader.latest("photos", "k").orElseThrow().acl()).isEqualTo(latest);
        assertThat(reader.latest("photos", "k").orElseThrow().etag()).isEqualTo("etag-two");
    }

    @Test
    void aGrantToAUserWhoDoesNotExistIsRefusedWhereverItIsGiven() {
        Acl toNobody = new Acl(null, List.of(Grant.toUser("nobody", Permission.READ)));
        put("k", "one", null);
        rejected(new MetaCommand.SetAcl("photos", "k", null, toNobody), ErrorCode.INVALID_ARGUMENT,
                "no user 'nobody'");
        rejected(new MetaCommand.SetAcl("photos", null, null, toNobody), ErrorCode.INVALID_ARGUMENT,
                "no user 'nobody'");
        rejected(new MetaCommand.CreateBucket("other", AT, null, null, toNobody), ErrorCode.INVALID_ARGUMENT,
                "no user 'nobody'");
        MetaCommand.CommitVersion c = commit("photos", "k2", written("two", 3, "n1", "n2"));
        rejected(new MetaCommand.CommitVersion(c.bucket(), c.key(), c.size(), c.chunkSize(), c.replication(),
                c.contentType(), c.metadata(), c.chunks(), c.ifNoneMatch(), c.at(), c.requestId(),
                new ContentInfo("e", null, Map.of(), null, toNobody)), ErrorCode.INVALID_ARGUMENT, "no user 'nobody'");
        rejected(new MetaCommand.CreateUpload("photos", "k3", "u1", AT, null, Map.of(), Map.of(), null, toNobody),
                ErrorCode.INVALID_ARGUMENT, "no user 'nobody'");
        log.apply(new MetaCommand.SetAcl("photos", null, null, new Acl(null, List.of(Grant.toUser("root",
                Permission.READ))))).orThrow(Acl.class);
    }

    @Test
    void thereIsNoAclOnADeleteMarkerOrAMissingKeyOrVersion() {
        ObjectVersion first = put("k", "one", null);
        log.apply(new MetaCommand.DeleteKey("photos", "k", AT + 5)).orThrow(KeyDeletion.class);
        Acl acl = new Acl(null, List.of());
        rejected(new MetaCommand.SetAcl("photos", "k", null, acl), ErrorCode.NOT_FOUND, "no version of 'k'");
        rejected(new MetaCommand.SetAcl("photos", "k", first.version() + 1, acl), ErrorCode.NO_SUCH_VERSION,
                "no version");
        rejected(new MetaCommand.SetAcl("photos", "absent", null, acl), ErrorCode.NOT_FOUND, "absent");
        rejected(new MetaCommand.SetAcl("missing", null, null, acl), ErrorCode.NO_SUCH_BUCKET, "missing");
        log.apply(new MetaCommand.SetAcl("photos", "k", first.version(), acl)).orThrow(Acl.class);
    }

    @Test
    void aMultipartUploadGivesItsObjectTheAclItBeganWith() {
        log.apply(new MetaCommand.CreateUpload("photos", "big", "u1", AT, null, Map.of(), Map.of(), null,
                PUBLIC_READ)).orThrow(io.cairn.core.model.UploadRecord.class);
        assertThat(reader.upload("photos", "big", "u1").orElseThrow().acl()).isEqualTo(PUBLIC_READ);
    }

    @Test
    void bucketOwnerEnforcedNeedsAnAclGrantingTheOwnerAloneAndThenRefusesAcls() {
        rejected(new MetaCommand.SetOwnership("photos", ObjectOwnership.BUCKET_OWNER_ENFORCED),
                ErrorCode.INVALID_ARGUMENT, "BucketOwnerEnforced");
        log.apply(new MetaCommand.SetAcl("photos", null, null, new Acl(null,
                List.of(Grant.toUser("alice", Permission.FULL_CONTROL))))).orThrow(Acl.class);

        BucketRecord enforced = log.apply(new MetaCommand.SetOwnership("photos",
                ObjectOwnership.BUCKET_OWNER_ENFORCED)).orThrow(BucketRecord.class);
        assertThat(enforced.ownership()).isEqualTo(ObjectOwnership.BUCKET_OWNER_ENFORCED);
        assertThat(reader.bucket("photos").orElseThrow().ownership()).isEqualTo(ObjectOwnership.BUCKET_OWNER_ENFORCED);
        put("k", "one", null);
        rejected(new MetaCommand.SetAcl("photos", null, null, new Acl(null, List.of())), ErrorCode.CONFLICT,
                "ACLs disabled");
        rejected(new MetaCommand.SetAcl("photos", "k", null, PUBLIC_READ), ErrorCode.CONFLICT, "ACLs disabled");

        log.apply(new MetaCommand.SetOwnership("photos", null)).orThrow(BucketRecord.class);
        assertThat(reader.bucket("photos").orElseThrow().ownership()).isNull();
        log.apply(new MetaCommand.SetAcl("photos", "k", null, PUBLIC_READ)).orThrow(Acl.class);
    }

    @Test
    void aBucketIsCreatedWithItsOwnershipUnlessItsAclContradictsIt() {
        rejected(new MetaCommand.CreateBucket("shared", AT, Versioning.UNVERSIONED, "alice",
                new Acl(null, List.of(Grant.toGroup(Acl.ALL_USERS, Permission.READ))),
                ObjectOwnership.BUCKET_OWNER_ENFORCED), ErrorCode.INVALID_ARGUMENT, "AllUsers");
        BucketRecord created = log.apply(new MetaCommand.CreateBucket("shared", AT, Versioning.UNVERSIONED, null,
                new Acl(null, List.of(Grant.toUser("root", Permission.FULL_CONTROL))),
                ObjectOwnership.BUCKET_OWNER_ENFORCED)).orThrow(BucketRecord.class);
        assertThat(created.ownership()).isEqualTo(ObjectOwnership.BUCKET_OWNER_ENFORCED);
    }

    @Test
    void aBucketBlockingPublicAclsRefusesThemAtApplyForItselfItsObjectsAndItsUploads() {
        put("k", "one", null);
        log.apply(new MetaCommand.SetPublicAccessBlock("photos", new PublicAccessBlock(true, false, false, false)))
                .orThrow(BucketRecord.class);
        assertThat(reader.bucket("photos").orElseThrow().publicAccessBlock().blockPublicAcls()).isTrue();

        Acl authenticatedRead = new Acl(null, List.of(Grant.toGroup(Acl.AUTHENTICATED_USERS, Permission.READ)));
        rejected(new MetaCommand.SetAcl("photos", null, null, authenticatedRead), ErrorCode.ACCESS_DENIED,
                "blocks public ACLs");
        rejected(new MetaCommand.SetAcl("photos", "k", null, PUBLIC_READ), ErrorCode.ACCESS_DENIED,
                "blocks public ACLs");
        MetaCommand.CommitVersion c = commit("photos", "k2", written("two", 3, "n1", "n2"));
        rejected(new MetaCommand.CommitVersion(c.bucket(), c.key(), c.size(), c.chunkSize(), c.replication(),
                c.contentType(), c.metadata(), c.chunks(), c.ifNoneMatch(), c.at(), c.requestId(),
                new ContentInfo("etag-two", null, Map.of(), null, PUBLIC_READ)), ErrorCode.ACCESS_DENIED,
                "blocks public ACLs");
        rejected(new MetaCommand.CreateUpload("photos", "big", "u1", AT, null, Map.of(), Map.of(), null,
                PUBLIC_READ), ErrorCode.ACCESS_DENIED, "blocks public ACLs");

        // What is not public still goes through, and what was public before stays as it was.
        Acl alice = new Acl(null, List.of(Grant.toUser("alice", Permission.FULL_CONTROL)));
        assertThat(log.apply(new MetaCommand.SetAcl("photos", "k", null, alice)).orThrow(Acl.class).grants())
                .isEqualTo(alice.grants());

        log.apply(new MetaCommand.SetPublicAccessBlock("photos", null)).orThrow(BucketRecord.class);
        assertThat(reader.bucket("photos").orElseThrow().publicAccessBlock()).isNull();
        log.apply(new MetaCommand.SetAcl("photos", "k", null, PUBLIC_READ)).orThrow(Acl.class);
    }

    @Test
    void settingsOtherThanBlockPublicAclsLeaveAclsSettable() {
        log.apply(new MetaCommand.SetPublicAccessBlock("photos", new PublicAccessBlock(false, true, true, true)))
                .orThrow(BucketRecord.class);
        put("k", "one", PUBLIC_READ);
        log.apply(new MetaCommand.SetAcl("photos", null, null, PUBLIC_READ)).orThrow(Acl.class);
    }
}
