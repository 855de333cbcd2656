package io.cairn.s3.auth;

import static io.cairn.s3.auth.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.s3.S3Error;
import io.cairn.s3.S3Exception;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of the S3 API reference ("Signature Calculations for the Authorization Header", "Query
 * Parameters", "Multiple Chunks", "Trailing Headers"), which every SigV4 implementation must reproduce.
 */
class AwsDocumentationVectorsTest {
    private static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final Instant TIME = Instant.parse("2013-05-24T00:00:00Z");
    private static final String AMZ_DATE = "20130524T000000Z";
    private static final String CREDENTIAL = ACCESS_KEY + "/20130524/us-east-1/s3/aws4_request";
    private static final String HOST = "examplebucket.s3.amazonaws.com";
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private final SigV4Verifier verifier = new SigV4Verifier(
            id -> id.equals(ACCESS_KEY) ? Optional.of(SECRET) : Optional.empty());

    @Test
    void getObjectWithRange() throws IOException {
        Authenticated auth = verifier.verify(signedGet("/test.txt").header("Range", "bytes=0-9")
                .header("Authorization", authorization("host;range;x-amz-content-sha256;x-amz-date",
                        "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"))
                .build());

        assertThat(auth.accessKeyId()).isEqualTo(ACCESS_KEY);
        assertThat(auth.region()).contains("us-east-1");
        assertThat(auth.payload().mode()).isEqualTo(PayloadMode.SHA256);
        assertThat(read(auth.payload().open(body("")))).isEmpty();
    }

    @Test
    void authorizationComponentsInAnyOrderAndWithoutSpaces() {
        String signature = "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41";
        String reordered = "AWS4-HMAC-SHA256 Signature=" + signature + ",SignedHeaders=host;range;"
                + "x-amz-content-sha256;x-amz-date,   Credential=" + CREDENTIAL;

        Authenticated auth = verifier.verify(signedGet("/test.txt").header("Range", "bytes=0-9")
                .header("Authorization", reordered).build());

        assertThat(auth.accessKeyId()).isEqualTo(ACCESS_KEY);
    }

    @Test
    void putObjectWhoseKeyNeedsEncodingAndWhoseBodyIsSigned() throws IOException {
        String body = "Welcome to Amazon S3.";
        String bodySha256 = "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072";
        Authenticated auth = verifier.verify(request("PUT", "/test$file.text").at(TIME)
                .header("Host", HOST).header("Date", "Fri, 24 May 2013 00:00:00 GMT").header("x-amz-date", AMZ_DATE)
                .header("x-amz-storage-class", "REDUCED_REDUNDANCY").header("x-amz-content-sha256", bodySha256)
                .header("Authorization", authorization("date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class",
                        "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"))
                .build());

        assertThat(read(auth.payload().open(body(body)))).isEqualTo(body);
        assertThatThrownBy(() -> read(auth.payload().open(body("Welcome to Amazon S3!"))))
                .satisfies(e -> assertThat(((S3Exception) e).error()).isEqualTo(S3Error.XAmzContentSHA256Mismatch));
    }

    @Test
    void getBucketLifecycleASubresourceWithoutValue() {
        Authenticated auth = verifier.verify(signedGet("/").query("lifecycle", "")
                .header("Authorization", authorization("host;x-amz-content-sha256;x-amz-date",
                        "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"))
                .build());

        assertThat(auth.accessKeyId()).isEqualTo(ACCESS_KEY);
    }

    @Test
    void listObjectsWithItsQuerySortedByTheVerifier() {
        Authenticated auth = verifier.verify(signedGet("/").query("prefix", "J").query("max-keys", "2")
                .header("Authorization", authorization("host;x-amz-content-sha256;x-amz-date",
                        "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"))
                .build());

        assertThat(auth.accessKeyId()).isEqualTo(ACCESS_KEY);
    }

    @Test
    void presignedUrlIsValidForItsLifetimeOnly() {
        Requests presigned = request("GET", "/test.txt").header("Host", HOST)
                .query("X-Amz-Algorithm", "AWS4-HMAC-SHA256").query("X-Amz-Credential", CREDENTIAL)
                .query("X-Amz-Date", AMZ_DATE).query("X-Amz-Expires", "86400").query("X-Amz-SignedHeaders", "host")
                .query("X-Amz-Signature", "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");

        Authenticated auth = verifier.verify(presigned.at(TIME.plusSeconds(86400)).build());

        assertThat(auth.payload().mode()).isEqualTo(PayloadMode.UNSIGNED);
        assertThatThrownBy(() -> verifier.verify(presigned.at(TIME.plusSeconds(86401)).build()))
                .isInstanceOf(S3Exception.class).hasMessage("Request has expired")
                .satisfies(e -> assertThat(((S3Exception) e).error()).isEqualTo(S3Error.AccessDenied));
    }

    @Test
    void chunkedUploadVerifiesEveryChunk() throws IOException {
        String body = "10000;chunk-signature=ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648\r\n"
                + "a".repeat(65536) + "\r\n"
                + "400;chunk-signature=0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497\r\n"
                + "a".repeat(1024) + "\r\n"
                + "0;chunk-signature=b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9\r\n\r\n";
        Authenticated auth = verifier.verify(chunkedPut("STREAMING-AWS4-HMAC-SHA256-PAYLOAD")
                .header("Authorization", authorization("content-encoding;content-length;host;x-amz-content-sha256;"
                        + "x-amz-date;x-amz-decoded-content-length;x-amz-storage-class",
                        "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"))
                .build());

        assertThat(auth.payload().mode()).isEqualTo(PayloadMode.STREAMING_SIGNED);
        VerifiedBody decoded = auth.payload().open(body(body));
        assertThat(read(decoded)).isEqualTo("a".repeat(66560));
        assertThat(decoded.checksum()).isEmpty();
    }

    @Test
    void chunkedUploadWithASignedChecksumTrailer() throws IOException {
        String body = "10000;chunk-signature=b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2\r\n"
                + "a".repeat(65536) + "\r\n"
                + "400;chunk-signature=1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7\r\n"
                + "a".repeat(1024) + "\r\n"
                + "0;chunk-signature=2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992\r\n"
                + "x-amz-checksum-crc32c:sOO8/Q==\r\n"
                + "x-amz-trailer-signature:d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435\r\n\r\n";
        Authenticated auth = verifier.verify(chunkedPut("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER")
                .header("x-amz-trailer", "x-amz-checksum-crc32c")
                .header("Authorization", authorization("content-encoding;host;x-amz-content-sha256;x-amz-date;"
                        + "x-amz-decoded-content-length;x-amz-storage-class;x-amz-trailer",
                        "106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e"))
                .build());

        VerifiedBody decoded = auth.payload().open(body(body));
        assertThat(read(decoded)).isEqualTo("a".repeat(66560));
        assertThat(decoded.checksum()).contains(new ChecksumValue(ChecksumAlgorithm.CRC32C, "sOO8/Q=="));
    }

    private static Requests signedGet(String path) {
        return request("GET", path).at(TIME).header("Host", HOST).header("x-amz-date", AMZ_DATE)
                .header("x-amz-content-sha256", EMPTY_SHA256);
    }

    private static Requests chunkedPut(String contentSha256) {
        return request("PUT", "/examplebucket/chunkObject.txt").at(TIME).header("Host", "s3.amazonaws.com")
                .header("x-amz-date", AMZ_DATE).header("x-amz-storage-class", "REDUCED_REDUNDANCY")
                .header("x-amz-content-sha256", contentSha256).header("Content-Encoding", "aws-chunked")
                .header("x-amz-decoded-content-length", "66560").header("Content-Length", "66824");
    }

    private static String authorization(String signedHeaders, String signature) {
        return "AWS4-HMAC-SHA256 Credential=" + CREDENTIAL + ",SignedHeaders=" + signedHeaders
                + ",Signature=" + signature;
    }

    private static String read(VerifiedBody body) throws IOException {
        return new String(body.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    private static ByteArrayInputStream body(String wire) {
        return new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1));
    }
}
