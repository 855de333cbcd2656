package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.app.LocalCluster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectAclResponse;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Type;

/**
 * S3 ACLs as applications use them, through the AWS SDK against a real cluster: tenants who own their buckets, objects
 * uploaded {@code public-read}, grants to one user, a bucket others may write into, and a policy's Deny that wins.
 */
class AclIT {
    @TempDir
    static Path dir;
    private static LocalCluster cluster;
    private static S3Client alice;
    private static S3Client bob;
    private static final HttpClient ANONYMOUS = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        cluster = TestClusters.start(dir);
        alice = S3Clients.tenant(cluster, "alice");
        bob = S3Clients.tenant(cluster, "bob");
    }

    @AfterAll
    static void stop() {
        alice.close();
        bob.close();
        cluster.close();
    }

    @Test
    void aTenantOwnsTheBucketsTheyCreateAndNoOneElseSeesThem() throws Exception {
        alice.createBucket(b -> b.bucket("alice-own"));
        alice.putObject(b -> b.bucket("alice-own").key("k"), RequestBody.fromString("mine"));
        assertThat(alice.getObjectAsBytes(b -> b.bucket("alice-own").key("k")).asUtf8String()).isEqualTo("mine");
        assertThat(alice.listBuckets().buckets()).extracting(b -> b.name()).contains("alice-own");
        assertThat(alice.listBuckets().owner().id()).isEqualTo("alice");

        assertThat(bob.listBuckets().buckets()).extracting(b -> b.name()).doesNotContain("alice-own");
        expectDenied(() -> bob.getObject(b -> b.bucket("alice-own").key("k")));
        expectDenied(() -> bob.listObjects(b -> b.bucket("alice-own")));
        expectDenied(() -> bob.putObject(b -> b.bucket("alice-own").key("x"), RequestBody.fromString("x")));
        expectDenied(() -> bob.deleteBucket(b -> b.bucket("alice-own")));
        assertThat(anonymousGet("/alice-own/k")).isEqualTo(403);
        assertThatThrownBy(() -> bob.createBucket(b -> b.bucket("alice-own")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BucketAlreadyExists");
                });
        // Her own: 200 in us-east-1, as S3 answers there, and nothing changes.
        alice.createBucket(b -> b.bucket("alice-own"));
        assertThat(alice.getObjectAsBytes(b -> b.bucket("alice-own").key("k")).asUtf8String()).isEqualTo("mine");
    }

    @Test
    void anObjectUploadedPublicReadIsReadableByAnyoneAndItsNextVersionIsNot() throws Exception {
        alice.createBucket(b -> b.bucket("alice-site"));
        alice.putObject(b -> b.bucket("alice-site").key("index.html").acl(ObjectCannedACL.PUBLIC_READ),
                RequestBody.fromString("<h1>hello</h1>"));
        alice.putObject(b -> b.bucket("alice-site").key("draft.html"), RequestBody.fromString("draft"));

        assertThat(anonymousGet("/alice-site/index.html")).isEqualTo(200);
        assertThat(bob.getObjectAsBytes(b -> b.bucket("alice-site").key("index.html")).asUtf8String())
                .isEqualTo("<h1>hello</h1>");
        assertThat(anonymousGet("/alice-site/draft.html")).isEqualTo(403);
        assertThat(anonymousGet("/alice-site")).as("the bucket is not listable").isEqualTo(403);
        expectDenied(() -> bob.putObjectAcl(b -> b.bucket("alice-site").key("index.html")
                .acl(ObjectCannedACL.PUBLIC_READ_WRITE)));
        expectDenied(() -> bob.getObjectAcl(b -> b.bucket("alice-site").key("index.html")));

        GetObjectAclResponse acl = alice.getObjectAcl(b -> b.bucket("alice-site").key("index.html"));
        assertThat(acl.owner().id()).isEqualTo("alice");
        assertThat(acl.grants()).extracting(AclIT::describe)
                .containsExactly("http://acs.amazonaws.com/groups/global/AllUsers READ", "alice FULL_CONTROL");

        alice.putObject(b -> b.bucket("alice-site").key("index.html"), RequestBody.fromString("<h1>v2</h1>"));
        assertThat(anonymousGet("/alice-site/index.html")).as("a new version starts private").isEqualTo(403);
        alice.putObjectAcl(b -> b.bucket("alice-site").key("index.html").acl(ObjectCannedACL.PUBLIC_READ));
        assertThat(anonymousGet("/alice-site/index.html")).isEqualTo(200);
    }

    @Test
    void aGrantToOneUserLetsThatUserAloneReadAndAnUnknownUserCannotBeGranted() throws Exception {
        alice.createBucket(b -> b.bucket("alice-shared"));
        alice.putObject(b -> b.bucket("alice-shared").key("report.pdf"), RequestBody.fromString("report"));
        expectDenied(() -> bob.getObject(b -> b.bucket("alice-shared").key("report.pdf")));

        alice.putObjectAcl(b -> b.bucket("alice-shared").key("report.pdf").grantRead("id=\"bob\""));
        assertThat(bob.getObjectAsBytes(b -> b.bucket("alice-shared").key("report.pdf")).asUtf8String())
                .isEqualTo("report");
        expectDenied(() -> bob.putObjectAcl(b -> b.bucket("alice-shared").key("report.pdf")
                .grantFullControl("id=\"bob\"")));
        assertThat(anonymousGet("/alice-shared/report.pdf")).isEqualTo(403);
        assertThat(alice.getObjectAcl(b -> b.bucket("alice-shared").key("report.pdf")).grants())
                .extracting(AclIT::describe).containsExactly("bob READ");

        assertThatThrownBy(() -> alice.putObjectAcl(b -> b.bucket("alice-shared").key("report.pdf")
                .grantRead("id=\"nobody\""))).isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
                });
        assertThatThrownBy(() -> alice.putObjectAcl(b -> b.bucket("alice-shared").key("report.pdf")
                .grantRead("emailAddress=\"bob@example.com\""))).isInstanceOfSatisfying(S3Exception.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnresolvableGrantByEmailAddress"));
        assertThat(bob.getObjectAsBytes(b -> b.bucket("alice-shared").key("report.pdf")).asUtf8String())
                .as("a refused ACL changed nothing").isEqualTo("report");
    }

    @Test
    void othersWriteIntoAPublicReadWriteBucketAndOwnWhatTheyWrite() throws Exception {
        alice.createBucket(b -> b.bucket("alice-inbox").acl(BucketCannedACL.PUBLIC_READ_WRITE));
        assertThat(alice.getBucketAcl(b -> b.bucket("alice-inbox")).grants()).extracting(AclIT::describe)
                .containsExactly("http://acs.amazonaws.com/groups/global/AllUsers READ",
                        "http://acs.amazonaws.com/groups/global/AllUsers WRITE", "alice FULL_CONTROL");
        assertThat(anonymousGet("/alice-inbox")).isEqualTo(200);
        assertThat(alice.getBucketPolicyStatus(b -> b.bucket("alice-inbox")).policyStatus().isPublic()).isTrue();

        bob.putObject(b -> b.bucket("alice-inbox").key("from-bob").acl(ObjectCannedACL.BUCKET_OWNER_READ),
                RequestBody.fromString("hi alice"));
        GetObjectAclResponse acl = bob.getObjectAcl(b -> b.bucket("alice-inbox").key("from-bob"));
        assertThat(acl.owner().id()).isEqualTo("bob");
        assertThat(acl.grants()).extracting(AclIT::describe).containsExactly("alice READ", "bob FULL_CONTROL");
        assertThat(alice.getObjectAsBytes(b -> b.bucket("alice-inbox").key("from-bob")).asUtf8String())
                .isEqualTo("hi alice");
        assertThat(bob.getObjectAsBytes(b -> b.bucket("alice-inbox").key("from-bob")).asUtf8String())
                .as("the writer owns what they wrote").isEqualTo("hi alice");

        alice.putBucketAcl(b -> b.bucket("alice-inbox").acl(BucketCannedACL.PRIVATE));
        expectDenied(() -> bob.putObject(b -> b.bucket("alice-inbox").key("again"), RequestBody.fromString("x")));
        assertThat(anonymousGet("/alice-inbox")).isEqualTo(403);
        assertThat(alice.getBucketPolicyStatus(b -> b.bucket("alice-inbox")).policyStatus().isPublic()).isFalse();
    }

    @Test
    void aBucketPolicyDenyWinsOverAnAclAndAMultipartUploadKeepsItsAcl() throws Exception {
        alice.createBucket(b -> b.bucket("alice-media"));
        String upload = alice.createMultipartUpload(b -> b.bucket("alice-media").key("movie")
                .acl(ObjectCannedACL.PUBLIC_READ)).uploadId();
        String etag = alice.uploadPart(b -> b.bucket("alice-media").key("movie").uploadId(upload).partNumber(1),
                RequestBody.fromString("frames")).eTag();
        alice.completeMultipartUpload(b -> b.bucket("alice-media").key("movie").uploadId(upload)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
        assertThat(anonymousGet("/alice-media/movie")).isEqualTo(200);

        alice.putBucketPolicy(b -> b.bucket("alice-media").policy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:GetObject",
                 "Resource":"arn:aws:s3:::alice-media/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}"""));
        assertThat(anonymousGet("/alice-media/movie")).isEqualTo(403);
        expectDenied(() -> alice.getObject(b -> b.bucket("alice-media").key("movie")));
    }

    @Test
    void aBadAclIsRefusedBeforeAnythingIsWritten() {
        alice.createBucket(b -> b.bucket("alice-strict"));
        assertThatThrownBy(() -> alice.putObject(b -> b.bucket("alice-strict").key("k")
                .overrideConfiguration(o -> o.putHeader("x-amz-acl", "public")), RequestBody.fromString("x")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
                });
        assertThatThrownBy(() -> alice.putObject(b -> b.bucket("alice-strict").key("k").acl(ObjectCannedACL.PRIVATE)
                .grantRead("id=\"bob\""), RequestBody.fromString("x")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("InvalidRequest"));
        assertThat(alice.listObjectsV2(b -> b.bucket("alice-strict")).contents()).isEmpty();
    }

    private static String describe(Grant grant) {
        String who = grant.grantee().type() == Type.GROUP ? grant.grantee().uri() : grant.grantee().id();
        assertThat(grant.permission()).isNotEqualTo(Permission.UNKNOWN_TO_SDK_VERSION);
        return who + " " + grant.permission();
    }

    private static int anonymousGet(String path) throws IOException, InterruptedException {
        return ANONYMOUS.send(HttpRequest.newBuilder(URI.create(cluster.s3Url() + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void expectDenied(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        });
    }
}
