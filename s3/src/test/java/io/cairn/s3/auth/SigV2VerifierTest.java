package io.cairn.s3.auth;

import static io.cairn.s3.auth.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.s3.S3Error;
import io.cairn.s3.S3Exception;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * SigV2 against the worked examples of AWS's "Signing and authenticating REST requests" (the signatures the
 * examples carry are those of their original bucket, johnsmith, which later editions renamed without re-signing;
 * the one re-signed for awsexamplebucket1 is checked too), and the requests S3 refuses, with S3's codes.
 */
class SigV2VerifierTest {
    private static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String DATE = "Tue, 27 Mar 2007 21:20:26 +0000";
    private static final Instant TIME = Instant.parse("2007-03-27T21:20:26Z");

    private final SigV2Verifier verifier = new SigV2Verifier(
            id -> id.equals(ACCESS_KEY) ? Optional.of(SECRET) : Optional.empty());

    @Test
    void objectGet() {
        assertVerifies(dated("GET", "/photos/puppy.jpg", "Tue, 27 Mar 2007 19:36:42 +0000"),
                "/johnsmith/photos/puppy.jpg", "bWq2s1WEIj+Ydj0vQ697zp+IXMU=");
        assertVerifies(dated("GET", "/photos/puppy.jpg", "Tue, 27 Mar 2007 19:36:42 +0000"),
                "/awsexamplebucket1/photos/puppy.jpg", "qgk2+6Sv9/oM7G3qLEjTH1a1l1g=");
    }

    @Test
    void objectPutSignsItsContentType() {
        assertVerifies(dated("PUT", "/photos/puppy.jpg", "Tue, 27 Mar 2007 21:15:45 +0000")
                .header("Content-Type", "image/jpeg").header("Content-Length", "94328"),
                "/johnsmith/photos/puppy.jpg", "MyyxeRY7whkBe+bq8fHCL/2kKUg=");
    }

    @Test
    void listSignsNoneOfItsParameters() {
        assertVerifies(dated("GET", "/", "Tue, 27 Mar 2007 19:42:41 +0000").query("prefix", "photos")
                .query("max-keys", "50").query("marker", "puppy").header("User-Agent", "Mozilla/5.0"),
                "/johnsmith/", "htDYFYduRNen8P9ZfE/s9SuKy0U=");
    }

    @Test
    void aclIsASignedSubresource() {
        assertVerifies(dated("GET", "/", "Tue, 27 Mar 2007 19:44:46 +0000").query("acl", ""),
                "/johnsmith/", "c2WLPFtWHVgbEmeEG93a4cG37dM=");
    }

    @Test
    void uploadSignsContentMd5AndTheAmzHeadersSortedLowerCasedAndJoined() {
        assertVerifies(dated("PUT", "/db-backup.dat.gz", "Tue, 27 Mar 2007 21:06:08 +0000")
                .header("User-Agent", "curl/7.15.5").header("x-amz-acl", "public-read")
                .header("content-type", "application/x-download").header("Content-MD5", "4gJE4saaMU4BqNR0kLY+lw==")
                .header("X-Amz-Meta-ReviewedBy", "joe@johnsmith.net").header("X-Amz-Meta-ReviewedBy", "jane@johnsmith.net")
                .header("X-Amz-Meta-FileChecksum", "0x02661779").header("X-Amz-Meta-ChecksumAlgorithm", "crc32")
                .header("Content-Disposition", "attachment; filename=database.dat").header("Content-Encoding", "gzip")
                .header("Content-Length", "5913339"),
                "/static.johnsmith.net/db-backup.dat.gz", "ilyl83RwaSoYIEdixDQcA4OnAnc=");
    }

    @Test
    void listAllMyBuckets() {
        assertVerifies(dated("GET", "/", "Wed, 28 Mar 2007 01:29:59 +0000"), "/", "qGdzdERIC03wnaRNKh6OqZehG9s=");
    }

    @Test
    void unicodeKeysAreSignedAsSentStillEncoded() {
        assertVerifies(dated("GET", "/dictionary/français/préfère", "Wed, 28 Mar 2007 01:49:49 +0000"),
                "/dictionary/fran%C3%A7ais/pr%c3%a9f%c3%a8re", "DNEZGsoieTZ92F3bUfSPQcbGmlM=");
    }

    @Test
    void queryStringAuthentication() {
        SignedRequest presigned = request("GET", "/photos/puppy.jpg").query("AWSAccessKeyId", ACCESS_KEY)
                .query("Signature", "NpgCjnDzrM+WFzoENXmpNDUsSn8=").query("Expires", "1175139620")
                .at(Instant.ofEpochSecond(1175139620)).build();

        assertThat(presigned.signatureVersion()).isEqualTo(SignatureVersion.V2);
        assertThat(verifier.verify(presigned, "/johnsmith/photos/puppy.jpg").accessKeyId()).isEqualTo(ACCESS_KEY);
        assertRefused(withAt(presigned, Instant.ofEpochSecond(1175139621)), S3Error.AccessDenied, "Request has expired");
    }

    @Test
    void xAmzDateTakesTheDatesPlaceAndIsSignedAsAnAmzHeader() {
        // Values computed independently (Python hmac), as AWS's own example of x-amz-date does not verify.
        assertVerifies(request("DELETE", "/photos/puppy.jpg").at(TIME).header("Date", "Tue, 27 Mar 2007 21:20:27 +0000")
                .header("x-amz-date", DATE), "/johnsmith/photos/puppy.jpg", "R4dJ53KECjStyBO5iTBJZ4XVOaI=");
    }

    @Test
    void signedParametersAreSortedAndSignedDecoded() {
        assertVerifies(dated("PUT", "/photos/puppy.jpg", DATE).query("uploadId", "abc").query("partNumber", "2"),
                "/johnsmith/photos/puppy.jpg", "2IMVQV4OTnDp8YE+jNomkXjNpsQ=");
        assertVerifies(dated("GET", "/photos/puppy.jpg", DATE).query("versionId", "3").query("x-id", "GetObject")
                .query("response-content-type", "text/plain; charset=utf-8"),
                "/johnsmith/photos/puppy.jpg", "a3QX690Pls3fgXBew4/xxILdLy8=");
    }

    @Test
    void theBodyIsUnsignedUnlessTheClientDeclaresItsHash() throws Exception {
        Payload unsigned = verifier.verify(signed(dated("PUT", "/k", DATE), sign("PUT\n\n\n" + DATE + "\n/b/k")),
                "/b/k").payload();
        assertThat(unsigned.mode()).isEqualTo(PayloadMode.UNSIGNED);
        assertThat(unsigned.open(body("anything")).readAllBytes()).asString().isEqualTo("anything");

        String helloSha256 = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
        Payload hashed = verifier.verify(signed(dated("PUT", "/k", DATE).header("x-amz-content-sha256", helloSha256),
                sign("PUT\n\n\n" + DATE + "\nx-amz-content-sha256:" + helloSha256 + "\n/b/k")), "/b/k").payload();
        assertThat(hashed.open(body("hello")).readAllBytes()).asString().isEqualTo("hello");
        assertThatThrownBy(() -> hashed.open(body("hallo")).readAllBytes())
                .satisfies(e -> assertThat(((S3Exception) e).error()).isEqualTo(S3Error.XAmzContentSHA256Mismatch));

        String streaming = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
        assertRefused(signed(dated("PUT", "/k", DATE).header("x-amz-content-sha256", streaming),
                sign("PUT\n\n\n" + DATE + "\nx-amz-content-sha256:" + streaming + "\n/b/k")), "/b/k",
                S3Error.InvalidRequest);
    }

    @Test
    void aWrongSignatureOrAnUnknownKeyIsRefused() {
        assertRefused(signed(dated("GET", "/photos/puppy.jpg", DATE), "bWq2s1WEIj+Ydj0vQ697zp+IXMU="),
                S3Error.SignatureDoesNotMatch, "does not match");
        assertRefused(dated("GET", "/photos/puppy.jpg", DATE)
                .header("Authorization", "AWS AKIDUNKNOWN:bWq2s1WEIj+Ydj0vQ697zp+IXMU=").build(),
                S3Error.InvalidAccessKeyId, "does not exist");
    }

    @Test
    void aMalformedAuthorizationHeaderIsAnInvalidArgument() {
        for (String authorization : new String[] {"AWS HAHAHA", "AWS " + ACCESS_KEY + ":", "AWS :c2ln", "AWS "}) {
            assertRefused(dated("GET", "/k", DATE).header("Authorization", authorization).build(),
                    S3Error.InvalidArgument, "Expected AwsAccessKeyId:signature");
        }
    }

    @Test
    void aMissingOrInvalidDateIsAccessDenied() {
        String message = "requires a valid Date or x-amz-date header";
        assertRefused(request("GET", "/k").at(TIME).header("Authorization", "AWS " + ACCESS_KEY + ":c2ln").build(),
                S3Error.AccessDenied, message);
        for (String date : new String[] {"Bad Date", "", "Tue, 07 Jul 1950 21:53:04 GMT", "2007-03-27T21:20:26Z"}) {
            assertRefused(signed(dated("GET", "/k", DATE).header("x-amz-date", date), "c2ln"),
                    S3Error.AccessDenied, message);
        }
    }

    @Test
    void aDateMoreThanFifteenMinutesAwayIsTooSkewedWhateverItsWeekday() {
        for (String date : new String[] {"Tue, 07 Jul 2010 21:53:04 GMT", "Tue, 07 Jul 9999 21:53:04 GMT",
                "Tue, 27 Mar 2007 21:35:27 +0000", "Tue, 27 Mar 2007 21:05:25 GMT"}) {
            assertRefused(signed(dated("GET", "/k", DATE).header("x-amz-date", date), "c2ln"),
                    S3Error.RequestTimeTooSkewed, "too large");
        }
        // Within the skew, and with a weekday that is not the date's: the signature is what is checked next.
        assertRefused(signed(request("GET", "/k").at(TIME).header("Date", "Mon, 27 Mar 2007 21:35:00 GMT"), "c2ln"),
                S3Error.SignatureDoesNotMatch, "does not match");
    }

    @Test
    void aPresignedUrlNeedsItsThreeParametersAndAnEpochExpiry() {
        Requests incomplete = request("GET", "/k").at(TIME).query("AWSAccessKeyId", ACCESS_KEY)
                .query("Signature", "c2ln");
        assertRefused(incomplete.build(), S3Error.AccessDenied, "requires the Signature, Expires and AWSAccessKeyId");
        assertRefused(incomplete.query("Expires", DATE).build(), S3Error.AccessDenied, "seconds since epoch");
    }

    @Test
    void onlyOneAuthMechanismAtATime() {
        SignedRequest both = dated("GET", "/k", DATE).header("Authorization", "AWS " + ACCESS_KEY + ":c2ln")
                .query("X-Amz-Signature", "abc").build();
        assertThatThrownBy(both::signatureVersion).isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).error()).isEqualTo(S3Error.InvalidArgument));
        assertThatThrownBy(request("GET", "/k").query("AWSAccessKeyId", ACCESS_KEY).query("X-Amz-Algorithm", "x")
                .build()::signatureVersion).isInstanceOf(S3Exception.class);
        assertThat(dated("GET", "/k", DATE).header("Authorization", "AWS " + ACCESS_KEY + ":c2ln").build()
                .signatureVersion()).isEqualTo(SignatureVersion.V2);
    }

    /** A request dated {@code date}, received at that time. */
    private static Requests dated(String method, String path, String date) {
        return request(method, path).at(Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(date)))
                .header("Date", date);
    }

    private static SignedRequest signed(Requests request, String signature) {
        return request.header("Authorization", "AWS " + ACCESS_KEY + ":" + signature).build();
    }

    private static String sign(String stringToSign) {
        return Base64.getEncoder().encodeToString(
                Digests.hmac("HmacSHA1", SECRET.getBytes(StandardCharsets.UTF_8), stringToSign));
    }

    private static ByteArrayInputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static SignedRequest withAt(SignedRequest request, Instant now) {
        return new SignedRequest(request.method(), request.path(), request.query(), request.headers(), now);
    }

    private void assertVerifies(Requests request, String resource, String signature) {
        Authenticated auth = verifier.verify(signed(request, signature), resource);
        assertThat(auth.accessKeyId()).isEqualTo(ACCESS_KEY);
        assertThat(auth.region()).isEmpty();
    }

    private void assertRefused(SignedRequest request, S3Error error, String message) {
        assertThatThrownBy(() -> verifier.verify(request, "/b/k")).isInstanceOf(S3Exception.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((S3Exception) e).error()).isEqualTo(error));
    }

    private void assertRefused(SignedRequest request, String resource, S3Error error) {
        assertThatThrownBy(() -> verifier.verify(request, resource)).isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).error()).isEqualTo(error));
    }
}
