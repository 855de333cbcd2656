package io.cairn.s3.router;

import static io.cairn.s3.router.Requests.assertS3Error;
import static io.cairn.s3.router.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.s3.S3Error;
import io.cairn.s3.router.S3Operation.*;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class S3RouterTest {
    private static final String PATH_HOST = "localhost:9000";
    private final S3Router router = new S3Router(List.of("localhost", "s3.localhost"));

    private ParsedRequest parse(String method, String host, String target) {
        return router.parse(request(method, host, target));
    }

    private ParsedRequest parse(String method, String target) {
        return parse(method, PATH_HOST, target);
    }

    // Addressing

    @Test
    void theHostSelectsTheAddressingStyle() {
        ParsedRequest expected = new ParsedRequest("photos", "2024/a.jpg", new GetObject(null, null));
        assertThat(parse("GET", "photos.s3.localhost", "/2024/a.jpg")).isEqualTo(expected);
        assertThat(parse("GET", "photos.s3.localhost:9000", "/2024/a.jpg")).isEqualTo(expected);
        assertThat(parse("GET", "Photos.S3.LocalHost:9000", "/2024/a.jpg")).isEqualTo(expected);
        assertThat(parse("GET", "photos.localhost", "/2024/a.jpg")).isEqualTo(expected);
        for (String host : new String[] {"s3.localhost", "s3.localhost:9000", "localhost", "127.0.0.1:9000",
                "192.168.1.10", "[::1]:9000", "[::1]", "example.com", "storage.example.com:443", "not-localhost"}) {
            assertThat(parse("GET", host, "/photos/2024/a.jpg")).as(host).isEqualTo(expected);
        }
        assertThat(router.parse(new S3HttpRequest("GET", null, "/photos/2024/a.jpg", List.of(), name -> null)))
                .isEqualTo(expected);
    }

    @Test
    void theLongestBaseDomainWinsAndABucketMayHoldDots() {
        assertThat(parse("GET", "my.photos.s3.localhost", "/a").bucket()).isEqualTo("my.photos");
        assertThat(parse("GET", "my.photos.localhost", "/a").bucket()).isEqualTo("my.photos");
        assertThat(parse("GET", "bkt.s3.localhost", "/a").bucket()).isEqualTo("bkt");
    }

    /** Garage's host_to_bucket cases, with its root domain written with and without a leading dot. */
    @ParameterizedTest
    @ValueSource(strings = {"garage.tld", ".garage.tld"})
    void garageHostToBucket(String root) {
        S3Router garage = new S3Router(List.of(root));
        assertThat(garage.parse(request("GET", "john.doe.garage.tld", "/")).bucket()).isEqualTo("john.doe");
        for (String host : new String[] {"john.doe.com", "garage.tld", "not-garage.tld"}) {
            assertThat(garage.parse(request("GET", host, "/my-bucket/k")).bucket()).as(host).isEqualTo("my-bucket");
        }
    }

    @Test
    void theServiceRootListsBuckets() {
        assertThat(parse("GET", "/"))
                .isEqualTo(new ParsedRequest(null, null, new ListBuckets(null, null, null, null)));
        assertThat(parse("GET", "/?max-buckets=1000&continuation-token=T&prefix=logs-&bucket-region=us-east-1").op())
                .isEqualTo(new ListBuckets("logs-", "T", 1000, "us-east-1"));
        assertThat(parse("GET", "s3.localhost", "/").op()).isInstanceOf(ListBuckets.class);
        assertThat(parse("GET", "photos.s3.localhost", "/"))
                .isEqualTo(new ParsedRequest("photos", null, new ListObjects(null, null, null, null, null)));
        assertS3Error(() -> parse("GET", "/?max-buckets=0"), S3Error.InvalidArgument);
        for (String method : new String[] {"PUT", "POST", "DELETE", "HEAD"}) {
            assertS3Error(() -> parse(method, "/"), S3Error.MethodNotAllowed);
        }
        assertS3Error(() -> parse("GET", "/?acl"), S3Error.MethodNotAllowed);
    }

    @Test
    void preflightsHaveTheirOwnOperationOnEveryTarget() {
        assertThat(parse("OPTIONS", "/")).isEqualTo(new ParsedRequest(null, null, new Options()));
        assertThat(parse("OPTIONS", "/photos")).isEqualTo(new ParsedRequest("photos", null, new Options()));
        assertThat(parse("OPTIONS", "/photos/a.jpg")).isEqualTo(new ParsedRequest("photos", "a.jpg", new Options()));
        assertThat(new Options().access()).isEqualTo(Access.NONE);
    }

    // Keys

    @Test
    void theKeyIsTheRestOfThePathAsItIs() {
        assertThat(parse("GET", "/photos/a%20b/%C3%A9t%C3%A9/%E6%97%A5%E6%9C%AC.txt").key())
                .isEqualTo("a b/été/日本.txt");
        assertThat(parse("GET", "/photos/a+b").key()).isEqualTo("a+b");
        assertThat(parse("GET", "/photos/a%2Fb").key()).isEqualTo("a/b");
        assertThat(parse("GET", "/photos//a").key()).isEqualTo("/a");
        assertThat(parse("GET", "/photos/dir/").key()).isEqualTo("dir/");
        assertThat(parse("GET", "/photos/dir//sub///").key()).isEqualTo("dir//sub///");
        assertThat(parse("GET", "/photos/ ").key()).isEqualTo(" ");
        assertThat(parse("GET", "photos.localhost", "//a").key()).isEqualTo("/a");
        assertThat(parse("GET", "photos.localhost", "/dir/").key()).isEqualTo("dir/");
        assertThat(parse("PUT", "/photos/%F0%9F%8E%89 party.png"))
                .isEqualTo(new ParsedRequest("photos", "🎉 party.png", new PutObject()));
    }

    @Test
    void aTrailingSlashAloneStillMeansTheBucket() {
        ParsedRequest listing = new ParsedRequest("photos", null, new ListObjectsV2(null, null, null, null, null,
                null, null));
        assertThat(parse("GET", "/photos/?list-type=2")).isEqualTo(listing);
        assertThat(parse("GET", "/photos?list-type=2")).isEqualTo(listing);
        assertThat(parse("GET", "photos.localhost", "/?list-type=2")).isEqualTo(listing);
        assertThat(parse("PUT", "/photos/").op()).isEqualTo(new CreateBucket());
    }

    /** Garage's test_key and test_bucket_extraction. */
    @Test
    void garageKeyAndBucketExtraction() {
        assertThat(parse("GET", "/my_bucket/%26%2B%3F%25%C3%A9/something"))
                .isEqualTo(new ParsedRequest("my_bucket", "&+?%é/something", new GetObject(null, null)));
        assertThat(parse("GET", "/my_bucket/my/key?acl"))
                .isEqualTo(new ParsedRequest("my_bucket", "my/key", new GetObjectAcl(null)));
        assertThat(parse("GET", "my_bucket.localhost", "/my/key")).isEqualTo(parse("GET", "/my_bucket/my/key"));
        assertThat(parse("GET", "/my_bucket").key()).isNull();
    }

    @Test
    void aKeyHoldsAtMost1024BytesOfUtf8() {
        assertThat(parse("PUT", "/photos/" + "k".repeat(1024)).key()).hasSize(1024);
        assertS3Error(() -> parse("PUT", "/photos/" + "k".repeat(1025)), S3Error.KeyTooLongError);
        String e512 = "%C3%A9".repeat(512);
        assertThat(parse("GET", "/photos/" + e512).key()).hasSize(512);
        assertS3Error(() -> parse("GET", "/photos/" + e512 + "k"), S3Error.KeyTooLongError);
    }

    // Operations

    @Test
    void unknownQueryParametersAreIgnored() {
        String presigned = "?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
        assertThat(parse("GET", "/photos/a.jpg" + presigned + "&response-content-type=image%2Fpng&x-id=GetObject"))
                .isEqualTo(new ParsedRequest("photos", "a.jpg", new GetObject(null, null)));
        assertThat(parse("PUT", "/photos/a.jpg" + presigned + "&x-id=PutObject").op()).isEqualTo(new PutObject());
        assertThat(parse("GET", "/photos?foo&foo=1&bar").op()).isEqualTo(new ListObjects(null, null, null, null, null));
    }

    @Test
    void emptyOptionalParametersCountAsAbsent() {
        // What the AWS CLI sends for "aws s3 ls s3://photos/".
        assertThat(parse("GET", "/photos?list-type=2&prefix=&delimiter=%2F&encoding-type=url").op())
                .isEqualTo(new ListObjectsV2(null, "/", null, null, null, null, "url"));
        assertThat(parse("GET", "/photos?max-keys=&marker=").op())
                .isEqualTo(new ListObjects(null, null, null, null, null));
    }

    @Test
    void copiesAreToldApartByTheirHeader() {
        Map<String, String> copy = Map.of("X-Amz-Copy-Source", "/src/a.jpg");
        assertThat(router.parse(request("PUT", PATH_HOST, "/photos/b.jpg", copy)).op()).isEqualTo(new CopyObject());
        assertThat(router.parse(request("PUT", PATH_HOST, "/photos/b.jpg?partNumber=7&uploadId=U", copy)).op())
                .isEqualTo(new UploadPartCopy("U", 7));
        assertThat(parse("PUT", "/photos/b.jpg?partNumber=7&uploadId=U").op()).isEqualTo(new UploadPart("U", 7));
    }

    @Test
    void aPartUploadNeedsBothItsParameters() {
        assertS3Error(() -> parse("PUT", "/photos/b.jpg?partNumber=1"), S3Error.InvalidArgument);
        assertS3Error(() -> parse("PUT", "/photos/b.jpg?uploadId=U"), S3Error.InvalidArgument);
        assertS3Error(() -> parse("PUT", "/photos/b.jpg?partNumber=1&uploadId="), S3Error.InvalidArgument);
        assertS3Error(() -> parse("DELETE", "/photos/b.jpg?uploadId"), S3Error.InvalidArgument);
        assertS3Error(() -> parse("POST", "/photos/b.jpg?uploadId="), S3Error.InvalidArgument);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "10001", "-1", "+1", "1.5", "abc", "99999999999", "١"})
    void partNumbersRunFrom1To10000(String partNumber) {
        assertS3Error(() -> parse("PUT", "/photos/b.jpg?uploadId=U&partNumber=" + partNumber),
                S3Error.InvalidArgument);
        assertS3Error(() -> parse("GET", "/photos/b.jpg?partNumber=" + partNumber), S3Error.InvalidArgument);
    }

    @Test
    void partNumberBounds() {
        assertThat(parse("PUT", "/photos/b.jpg?uploadId=U&partNumber=1").op()).isEqualTo(new UploadPart("U", 1));
        assertThat(parse("PUT", "/photos/b.jpg?uploadId=U&partNumber=10000").op())
                .isEqualTo(new UploadPart("U", 10_000));
        assertThat(parse("HEAD", "/photos/b.jpg?partNumber=10000").op()).isEqualTo(new HeadObject(null, 10_000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"max-keys=-1", "max-keys=abc", "max-keys=2147483648", "list-type=2&max-keys=1e3",
            "uploads&max-uploads=-5", "versions&max-keys=x"})
    void countsAreNonNegativeIntegers(String query) {
        assertS3Error(() -> parse("GET", "/photos?" + query), S3Error.InvalidArgument);
    }

    @Test
    void countBounds() {
        assertThat(parse("GET", "/photos?max-keys=0").op()).isEqualTo(new ListObjects(null, null, null, 0, null));
        assertThat(parse("GET", "/photos?max-keys=2147483647").op())
                .isEqualTo(new ListObjects(null, null, null, Integer.MAX_VALUE, null));
        assertS3Error(() -> parse("GET", "/photos/k?uploadId=U&max-parts=-1"), S3Error.InvalidArgument);
        assertS3Error(() -> parse("GET", "/photos/k?uploadId=U&part-number-marker=x"), S3Error.InvalidArgument);
    }

    @Test
    void otherParametersAreCheckedAsS3ChecksThem() {
        assertS3Error(() -> parse("GET", "/photos?list-type=1"), S3Error.InvalidArgument);
        assertS3Error(() -> parse("GET", "/photos?list-type=2&fetch-owner=yes"), S3Error.InvalidArgument);
        assertS3Error(() -> parse("GET", "/photos?encoding-type=xml"), S3Error.InvalidArgument);
        assertS3Error(() -> parse("POST", "/photos/k?select&select-type=1"), S3Error.InvalidArgument);
        assertS3Error(() -> parse("POST", "/photos/k?select"), S3Error.InvalidArgument);
        assertS3Error(() -> parse("GET", "/photos/k?versionId="), S3Error.InvalidArgument);
        assertS3Error(() -> parse("PUT", "/photos?analytics"), S3Error.InvalidArgument);
        assertS3Error(() -> parse("GET", "/photos?prefix=a&prefix=b"), S3Error.InvalidArgument);
        assertThat(parse("GET", "/photos/k?versionId=null").op()).isEqualTo(new GetObject("null", null));
        assertThat(parse("GET", "/photos?list-type=2&fetch-owner=FALSE").op())
                .isEqualTo(new ListObjectsV2(null, null, null, null, null, false, null));
    }

    @Test
    void unmodelledSubresourcesAreNotImplemented() {
        assertS3Error(() -> parse("GET", "/photos?session"), S3Error.NotImplemented);
        assertS3Error(() -> parse("POST", "/photos?metadataTable"), S3Error.NotImplemented);
        assertS3Error(() -> parse("PUT", "/photos/k?renameObject"), S3Error.NotImplemented);
        assertS3Error(() -> parse("GET", "/photos?abac"), S3Error.NotImplemented);
    }

    @Test
    void aSubresourceOutOfPlaceIsNotAllowed() {
        // Garage's invalid_endpoint.
        assertS3Error(() -> parse("GET", "/photos/k?website"), S3Error.MethodNotAllowed);
        assertS3Error(() -> parse("DELETE", "/photos?versioning"), S3Error.MethodNotAllowed);
        assertS3Error(() -> parse("POST", "/photos?versioning"), S3Error.MethodNotAllowed);
        assertS3Error(() -> parse("HEAD", "/photos?acl"), S3Error.MethodNotAllowed);
        assertS3Error(() -> parse("POST", "/photos?uploads"), S3Error.MethodNotAllowed);
        assertS3Error(() -> parse("PUT", "/photos/k?versions"), S3Error.MethodNotAllowed);
        assertS3Error(() -> parse("POST", "/photos/k"), S3Error.MethodNotAllowed);
        assertS3Error(() -> parse("PATCH", "/photos/k"), S3Error.MethodNotAllowed);
        assertS3Error(() -> parse("TRACE", "/photos"), S3Error.MethodNotAllowed);
    }

    @Test
    void twoSubresourcesAreOneTooMany() {
        assertS3Error(() -> parse("GET", "/photos/k?acl&tagging"), S3Error.InvalidRequest);
        assertS3Error(() -> parse("GET", "/photos?versioning&versions"), S3Error.InvalidRequest);
    }

    @Test
    void aPathMustBeAbsolute() {
        assertS3Error(() -> router.parse(new S3HttpRequest("OPTIONS", null, "*", List.of(), name -> null)),
                S3Error.InvalidRequest);
    }

    // Bucket names

    @Test
    void newBucketsGetTheStrictRules() {
        assertThat(parse("PUT", "/my.bucket-2").op()).isEqualTo(new CreateBucket());
        for (String name : new String[] {"My_Bucket", "ab", "my..bucket", "192.168.5.4", "xn--bucket", "-bucket"}) {
            assertS3Error(() -> parse("PUT", "/" + name), S3Error.InvalidBucketName);
        }
        assertS3Error(() -> parse("PUT", "Bad_Name.localhost", "/"), S3Error.InvalidBucketName);
    }

    @Test
    void existingBucketsOnlyNeedANameS3CouldHaveGiven() {
        assertThat(parse("GET", "/My_Legacy.Bucket/k").bucket()).isEqualTo("My_Legacy.Bucket");
        assertThat(parse("DELETE", "/" + "b".repeat(255)).op()).isEqualTo(new DeleteBucket());
        assertS3Error(() -> parse("GET", "/" + "b".repeat(256)), S3Error.InvalidBucketName);
        assertS3Error(() -> parse("GET", "/a%2Ab/k"), S3Error.InvalidBucketName);
        assertS3Error(() -> parse("GET", "/ab/k"), S3Error.InvalidBucketName);
        assertS3Error(() -> parse("GET", "//k"), S3Error.InvalidBucketName);
        assertS3Error(() -> parse("GET", "//"), S3Error.InvalidBucketName);
    }

    // The records

    @Test
    void operationsAreNamedAsInTheReference() {
        assertThat(new GetObject(null, null).name()).isEqualTo("GetObject");
        assertThat(new UploadPartCopy("U", 1).name()).isEqualTo("UploadPartCopy");
        assertThat(new ListObjectsV2(null, null, null, null, null, null, null).name()).isEqualTo("ListObjectsV2");
        assertThat(new GetBucketIntelligentTieringConfiguration("i").name())
                .isEqualTo("GetBucketIntelligentTieringConfiguration");
    }

    @Test
    void accessClassesFollowGarage() {
        assertThat(new ListBuckets(null, null, null, null).access()).isEqualTo(Access.NONE);
        assertThat(new CreateBucket().access()).isEqualTo(Access.NONE);
        assertThat(new HeadObject(null, null).access()).isEqualTo(Access.READ);
        assertThat(new ListParts("U", null, null).access()).isEqualTo(Access.READ);
        assertThat(new CopyObject().access()).isEqualTo(Access.WRITE);
        assertThat(new DeleteObjects().access()).isEqualTo(Access.WRITE);
        assertThat(new DeleteBucket().access()).isEqualTo(Access.OWNER);
    }

    @Test
    void aParsedRequestKeepsBucketAndKeyConsistentWithItsOperation() {
        assertThatThrownBy(() -> new ParsedRequest("b", null, new GetObject(null, null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ParsedRequest("b", "k", new HeadBucket()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ParsedRequest("b", null, new ListBuckets(null, null, null, null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ParsedRequest(null, "k", new Options()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ParsedRequest("b", "", new PutObject()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
