package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectAttributesResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * GetObjectAttributes, the checksums of multipart objects (COMPOSITE and FULL_OBJECT, stated or not on completion) and
 * bucket Object Ownership, through the AWS SDK against a real cluster.
 */
class S3AttributesIT extends SharedClusterTest {
    private static final int MIB = 1 << 20;
    private static final List<ObjectAttributes> ALL = List.of(ObjectAttributes.E_TAG, ObjectAttributes.CHECKSUM,
            ObjectAttributes.OBJECT_PARTS, ObjectAttributes.STORAGE_CLASS, ObjectAttributes.OBJECT_SIZE);
    private static S3Client s3;
    private static S3Client owner;
    private static S3Client writer;

    @BeforeAll
    static void clients() {
        s3 = S3Clients.sync(cluster.s3Url(), true, true);
        s3.createBucket(b -> b.bucket("attrs"));
        owner = S3Clients.tenant(cluster, "owner");
        writer = S3Clients.tenant(cluster, "writer");
    }

    @AfterAll
    static void closeClients() {
        s3.close();
        owner.close();
        writer.close();
    }

    @Test
    void aPutObjectsAttributesAreItsETagChecksumSizeAndClassWithoutParts() {
        PutObjectResponse put = s3.putObject(b -> b.bucket("attrs").key("single")
                .checksumAlgorithm(ChecksumAlgorithm.SHA256), RequestBody.fromString("hello"));

        GetObjectAttributesResponse attributes = s3.getObjectAttributes(b -> b.bucket("attrs").key("single")
                .objectAttributes(ALL));
        assertThat(attributes.eTag()).as("unquoted, as S3 has it here").isEqualTo(put.eTag().replace("\"", ""));
        assertThat(attributes.checksum().checksumSHA256()).isEqualTo(put.checksumSHA256());
        assertThat(attributes.checksum().checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
        assertThat(attributes.objectSize()).isEqualTo(5);
        assertThat(attributes.storageClassAsString()).isEqualTo("STANDARD");
        assertThat(attributes.objectParts()).isNull();

        GetObjectAttributesResponse sizeOnly = s3.getObjectAttributes(b -> b.bucket("attrs").key("single")
                .objectAttributes(ObjectAttributes.OBJECT_SIZE));
        assertThat(sizeOnly.objectSize()).isEqualTo(5);
        assertThat(sizeOnly.eTag()).isNull();
        assertThat(sizeOnly.checksum()).isNull();
    }

    @Test
    void anOlderVersionsAttributesByVersionIdAndADeleteMarkersNone() {
        s3.createBucket(b -> b.bucket("attrs-versions"));
        s3.putBucketVersioning(b -> b.bucket("attrs-versions")
                .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        String first = s3.putObject(b -> b.bucket("attrs-versions").key("k"), RequestBody.fromString("abc"))
                .versionId();
        s3.putObject(b -> b.bucket("attrs-versions").key("k"), RequestBody.fromString("longer"));

        assertThat(s3.getObjectAttributes(b -> b.bucket("attrs-versions").key("k").objectAttributes(ALL))
                .objectSize()).isEqualTo(6);
        GetObjectAttributesResponse old = s3.getObjectAttributes(b -> b.bucket("attrs-versions").key("k")
                .versionId(first).objectAttributes(ALL));
        assertThat(old.versionId()).isEqualTo(first);
        assertThat(old.objectSize()).isEqualTo(3);

        s3.deleteObject(b -> b.bucket("attrs-versions").key("k"));
        assertThatThrownBy(() -> s3.getObjectAttributes(b -> b.bucket("attrs-versions").key("k")
                .objectAttributes(ALL))).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void anUnknownAttributeIsRefused() {
        s3.putObject(b -> b.bucket("attrs").key("asked"), RequestBody.fromString("x"));
        expectError(() -> s3.getObjectAttributes(b -> b.bucket("attrs").key("asked")
                .objectAttributesWithStrings("Colour")), 400, "InvalidArgument");
        expectError(() -> s3.getObjectAttributes(b -> b.bucket("attrs").key("absent").objectAttributes(ALL)), 404,
                "NoSuchKey");
    }

    /** COMPOSITE: the SHA-256 of the parts' SHA-256s, "-3"; the parts listed page by page with their own. */
    @Test
    void aMultipartObjectListsItsPartsWithTheirChecksumsPageByPage() {
        byte[][] parts = {Data.random(5 * MIB, 1), Data.random(5 * MIB, 2), "tail".getBytes(StandardCharsets.UTF_8)};
        String uploadId = s3.createMultipartUpload(b -> b.bucket("attrs").key("parts")
                .checksumAlgorithm(ChecksumAlgorithm.SHA256)).uploadId();
        List<UploadPartResponse> uploaded = upload("parts", uploadId, ChecksumAlgorithm.SHA256, parts);
        CompleteMultipartUploadResponse done = s3.completeMultipartUpload(b -> b.bucket("attrs").key("parts")
                .uploadId(uploadId).multipartUpload(m -> m.parts(completed(uploaded))));
        assertThat(done.checksumSHA256()).endsWith("-3");
        assertThat(done.checksumType()).isEqualTo(ChecksumType.COMPOSITE);

        GetObjectAttributesResponse all = s3.getObjectAttributes(b -> b.bucket("attrs").key("parts")
                .objectAttributes(ALL));
        assertThat(all.checksum().checksumSHA256()).isEqualTo(done.checksumSHA256());
        assertThat(all.objectSize()).isEqualTo(10L * MIB + 4);
        assertThat(all.objectParts().totalPartsCount()).isEqualTo(3);
        assertThat(all.objectParts().isTruncated()).isFalse();
        assertThat(all.objectParts().parts()).extracting(p -> p.partNumber(), p -> p.size(), p -> p.checksumSHA256())
                .containsExactly(
                        tuple(1, 5L * MIB, uploaded.get(0).checksumSHA256()),
                        tuple(2, 5L * MIB, uploaded.get(1).checksumSHA256()),
                        tuple(3, 4L, uploaded.get(2).checksumSHA256()));

        GetObjectAttributesResponse page = s3.getObjectAttributes(b -> b.bucket("attrs").key("parts")
                .objectAttributes(ObjectAttributes.OBJECT_PARTS).maxParts(1).partNumberMarker(1));
        assertThat(page.objectParts().parts()).extracting(p -> p.partNumber()).containsExactly(2);
        assertThat(page.objectParts().isTruncated()).isTrue();
        assertThat(page.objectParts().nextPartNumberMarker()).isEqualTo(2);
        assertThat(page.objectParts().maxParts()).isEqualTo(1);
        assertThat(page.objectParts().partNumberMarker()).isEqualTo(1);

        GetObjectResponse second = s3.getObject(b -> b.bucket("attrs").key("parts").partNumber(2)
                .checksumMode(ChecksumMode.ENABLED), ResponseTransformer.toBytes()).response();
        assertThat(second.checksumSHA256()).isEqualTo(uploaded.get(1).checksumSHA256());
        assertThat(second.checksumType()).isEqualTo(ChecksumType.COMPOSITE);
    }

    /** FULL_OBJECT: the CRC32 of all the bytes, combined from the parts' CRCs without reading them again. */
    @Test
    void aFullObjectCrcIsTheCrcOfTheWholeObject() {
        byte[][] parts = {Data.random(5 * MIB, 3), Data.random(MIB + 7, 4)};
        String uploadId = s3.createMultipartUpload(b -> b.bucket("attrs").key("crc")
                .checksumAlgorithm(ChecksumAlgorithm.CRC32).checksumType(ChecksumType.FULL_OBJECT)).uploadId();
        List<UploadPartResponse> uploaded = upload("crc", uploadId, ChecksumAlgorithm.CRC32, parts);
        assertThat(s3.listParts(b -> b.bucket("attrs").key("crc").uploadId(uploadId)).checksumType())
                .isEqualTo(ChecksumType.FULL_OBJECT);
        String whole = crc32(parts);

        expectError(() -> s3.completeMultipartUpload(b -> b.bucket("attrs").key("crc").uploadId(uploadId)
                .checksumCRC32("AAAAAA==").multipartUpload(m -> m.parts(completed(uploaded)))), 400, "BadDigest");
        expectError(() -> s3.completeMultipartUpload(b -> b.bucket("attrs").key("crc").uploadId(uploadId)
                .checksumType(ChecksumType.COMPOSITE).multipartUpload(m -> m.parts(completed(uploaded)))), 400,
                "BadDigest");
        CompletedPart wrong = completed(uploaded).getFirst().toBuilder().checksumCRC32("AAAAAA==").build();
        expectError(() -> s3.completeMultipartUpload(b -> b.bucket("attrs").key("crc").uploadId(uploadId)
                .multipartUpload(m -> m.parts(wrong, completed(uploaded).get(1)))), 400, "InvalidPart");

        CompleteMultipartUploadResponse done = s3.completeMultipartUpload(b -> b.bucket("attrs").key("crc")
                .uploadId(uploadId).checksumCRC32(whole).multipartUpload(m -> m.parts(completed(uploaded))));
        assertThat(done.checksumCRC32()).isEqualTo(whole);
        assertThat(done.checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
        var head = s3.headObject(b -> b.bucket("attrs").key("crc").checksumMode(ChecksumMode.ENABLED));
        assertThat(head.checksumCRC32()).isEqualTo(whole);
        assertThat(head.checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
        // The SDK checks the whole body against it.
        assertThat(s3.getObject(b -> b.bucket("attrs").key("crc").checksumMode(ChecksumMode.ENABLED),
                ResponseTransformer.toBytes()).asByteArray()).hasSize(6 * MIB + 7);
    }

    @Test
    void checksumTypesAnAlgorithmCannotHaveAreRefused() {
        expectError(() -> s3.createMultipartUpload(b -> b.bucket("attrs").key("no")
                .checksumAlgorithm(ChecksumAlgorithm.SHA256).checksumType(ChecksumType.FULL_OBJECT)), 400,
                "InvalidRequest");
        expectError(() -> s3.createMultipartUpload(b -> b.bucket("attrs").key("no")
                .checksumType(ChecksumType.COMPOSITE)), 400, "InvalidRequest");
        expectError(() -> s3.putObject(b -> b.bucket("attrs").key("no").checksumSHA256("bad"),
                RequestBody.fromString("x")), 400, "BadDigest");
    }

    @Test
    void aBucketHasNoOwnershipControlsUntilSetAndAfterTheyAreDeleted() {
        s3.createBucket(b -> b.bucket("attrs-controls").acl(BucketCannedACL.PUBLIC_READ));
        expectError(() -> s3.getBucketOwnershipControls(b -> b.bucket("attrs-controls")), 404,
                "OwnershipControlsNotFoundError");
        expectError(() -> setOwnership(s3, "attrs-controls", ObjectOwnership.BUCKET_OWNER_ENFORCED), 400,
                "InvalidBucketAclWithObjectOwnership");

        s3.putBucketAcl(b -> b.bucket("attrs-controls").acl(BucketCannedACL.PRIVATE));
        setOwnership(s3, "attrs-controls", ObjectOwnership.BUCKET_OWNER_ENFORCED);
        assertThat(ownership(s3, "attrs-controls")).isEqualTo(ObjectOwnership.BUCKET_OWNER_ENFORCED);
        setOwnership(s3, "attrs-controls", ObjectOwnership.OBJECT_WRITER);
        assertThat(ownership(s3, "attrs-controls")).isEqualTo(ObjectOwnership.OBJECT_WRITER);

        s3.deleteBucketOwnershipControls(b -> b.bucket("attrs-controls"));
        s3.deleteBucketOwnershipControls(b -> b.bucket("attrs-controls"));
        expectError(() -> s3.getBucketOwnershipControls(b -> b.bucket("attrs-controls")), 404,
                "OwnershipControlsNotFoundError");
        expectError(() -> s3.createBucket(b -> b.bucket("attrs-contradiction").acl(BucketCannedACL.PUBLIC_READ)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)), 400, "InvalidBucketAclWithObjectOwnership");
    }

    /** ACLs disabled: the bucket's owner owns what others write, ACLs cannot be set and grant nothing. */
    @Test
    void bucketOwnerEnforcedGivesEveryObjectToTheBucketOwner() {
        open("owner-enforced", ObjectOwnership.BUCKET_OWNER_ENFORCED);
        assertThat(ownersOfWrites("owner-enforced")).containsExactly("owner", "owner");
        String upload = writer.createMultipartUpload(b -> b.bucket("owner-enforced").key("big")).uploadId();
        assertThat(writer.listParts(b -> b.bucket("owner-enforced").key("big").uploadId(upload)).owner().id())
                .isEqualTo("owner");

        for (Runnable refused : List.<Runnable>of(
                () -> writer.putObject(b -> b.bucket("owner-enforced").key("p").acl(ObjectCannedACL.PRIVATE),
                        RequestBody.fromString("x")),
                () -> writer.copyObject(b -> b.sourceBucket("owner-enforced").sourceKey("plain")
                        .destinationBucket("owner-enforced").destinationKey("c").acl(ObjectCannedACL.PUBLIC_READ)),
                () -> writer.createMultipartUpload(b -> b.bucket("owner-enforced").key("m")
                        .acl(ObjectCannedACL.PUBLIC_READ)),
                () -> owner.putBucketAcl(b -> b.bucket("owner-enforced").acl(BucketCannedACL.PRIVATE)),
                () -> owner.putObjectAcl(b -> b.bucket("owner-enforced").key("plain")
                        .acl(ObjectCannedACL.PUBLIC_READ)))) {
            expectError(refused::run, 400, "AccessControlListNotSupported");
        }
    }

    @Test
    void bucketOwnerPreferredGivesTheBucketOwnerWhatIsWrittenForItsFullControl() {
        open("owner-preferred", ObjectOwnership.BUCKET_OWNER_PREFERRED);
        assertThat(ownersOfWrites("owner-preferred")).containsExactly("writer", "owner");
        writer.putObjectAcl(b -> b.bucket("owner-preferred").key("plain").acl(ObjectCannedACL.PRIVATE));
    }

    @Test
    void objectWriterLeavesEveryObjectToItsWriter() {
        open("owner-writer", ObjectOwnership.OBJECT_WRITER);
        assertThat(ownersOfWrites("owner-writer")).containsExactly("writer", "writer");
    }

    /** Who owns what "writer" puts into the bucket: without an ACL, and with bucket-owner-full-control. */
    private static List<String> ownersOfWrites(String bucket) {
        writer.putObject(b -> b.bucket(bucket).key("plain"), RequestBody.fromString("x"));
        writer.putObject(b -> b.bucket(bucket).key("granted").acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL),
                RequestBody.fromString("x"));
        return List.of(objectOwner(bucket, "plain"), objectOwner(bucket, "granted"));
    }

    /** An object's ACL stops counting when ACLs are disabled, and counts again when they are enabled. */
    @Test
    void aclsGrantNothingWhileDisabled() {
        open("owner-acls", ObjectOwnership.OBJECT_WRITER);
        owner.putObject(b -> b.bucket("owner-acls").key("public").acl(ObjectCannedACL.PUBLIC_READ),
                RequestBody.fromString("x"));
        Http anonymous = new Http(cluster.s3Url()).anonymous();
        owner.deleteBucketPolicy(b -> b.bucket("owner-acls"));
        assertThat(anonymous.get("/owner-acls/public").status()).isEqualTo(200);

        setOwnership(owner, "owner-acls", ObjectOwnership.BUCKET_OWNER_ENFORCED);
        assertThat(anonymous.get("/owner-acls/public").status()).isEqualTo(403);
        setOwnership(owner, "owner-acls", ObjectOwnership.OBJECT_WRITER);
        assertThat(anonymous.get("/owner-acls/public").status()).isEqualTo(200);
    }

    /** A bucket of "owner" with this ownership that anyone may do anything in, by its policy (as s3-tests set up). */
    private static void open(String bucket, ObjectOwnership ownership) {
        owner.createBucket(b -> b.bucket(bucket).objectOwnership(ownership));
        assertThat(ownership(owner, bucket)).isEqualTo(ownership);
        owner.putBucketPolicy(b -> b.bucket(bucket).policy("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"},
                 "Action": "s3:*", "Resource": ["arn:aws:s3:::%s", "arn:aws:s3:::%s/*"]}]}""".formatted(bucket,
                bucket)));
    }

    private static void setOwnership(S3Client client, String bucket, ObjectOwnership ownership) {
        client.putBucketOwnershipControls(b -> b.bucket(bucket)
                .ownershipControls(c -> c.rules(r -> r.objectOwnership(ownership))));
    }

    private static ObjectOwnership ownership(S3Client client, String bucket) {
        return client.getBucketOwnershipControls(b -> b.bucket(bucket)).ownershipControls().rules().getFirst()
                .objectOwnership();
    }

    private static String objectOwner(String bucket, String key) {
        return writer.getObjectAcl(b -> b.bucket(bucket).key(key)).owner().id();
    }

    private static List<UploadPartResponse> upload(String key, String uploadId, ChecksumAlgorithm algorithm,
                                                   byte[][] parts) {
        return IntStream.range(0, parts.length).mapToObj(i -> s3.uploadPart(b -> b.bucket("attrs")
                .key(key).uploadId(uploadId).partNumber(i + 1).checksumAlgorithm(algorithm),
                RequestBody.fromBytes(parts[i]))).toList();
    }

    private static List<CompletedPart> completed(List<UploadPartResponse> uploaded) {
        return IntStream.range(0, uploaded.size()).mapToObj(i -> CompletedPart.builder()
                .partNumber(i + 1).eTag(uploaded.get(i).eTag()).build()).toList();
    }

    private static String crc32(byte[][] parts) {
        CRC32 crc = new CRC32();
        Arrays.stream(parts).forEach(crc::update);
        byte[] digest = new byte[4];
        for (int i = 3, value = (int) crc.getValue(); i >= 0; i--, value >>>= 8) {
            digest[i] = (byte) value;
        }
        return Base64.getEncoder().encodeToString(digest);
    }

    private static void expectError(Runnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        });
    }
}
