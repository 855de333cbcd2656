package io.cairn.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.model.Checksum;
import io.cairn.core.model.ContentInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ContentDigestTest {
    private static final byte[] BODY = "the body a client sends".getBytes(StandardCharsets.UTF_8);
    private static final String SHA256 = sha256(BODY);

    @Test
    void aMatchingDigestIsKeptAsTheSha256Checksum() throws Exception {
        ContentDigest digest = ContentDigest.parse("sha-256=:" + SHA256 + ":");
        readAll(digest.wrap(new ByteArrayInputStream(BODY)));
        ContentInfo kept = ContentDigest.check(digest).verify(new byte[16]);
        assertThat(kept.checksum()).isEqualTo(new Checksum("SHA256", SHA256, 0));
        assertThat(kept.etag()).isEqualTo("00".repeat(16));
    }

    @Test
    void aBodyThatIsNotWhatWasDeclaredIsRefusedWithBothDigests() throws Exception {
        ContentDigest digest = ContentDigest.parse("sha-256=:" + SHA256 + ":");
        readAll(digest.wrap(new ByteArrayInputStream("another body".getBytes(StandardCharsets.UTF_8))));
        assertThatThrownBy(() -> ContentDigest.check(digest).verify(new byte[16]))
                .isInstanceOf(CairnException.class)
                .satisfies(e -> assertThat(((CairnException) e).code()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH))
                .hasMessageContaining(SHA256).hasMessageContaining("nothing was stored");
    }

    @Test
    void aBodyCutShortIsAMismatchToo() throws Exception {
        ContentDigest digest = ContentDigest.parse("sha-256=:" + SHA256 + ":");
        digest.wrap(new ByteArrayInputStream(BODY)).readNBytes(BODY.length - 1);
        assertThatThrownBy(() -> ContentDigest.check(digest).verify(new byte[16]))
                .isInstanceOf(CairnException.class);
    }

    @Test
    void theDictionaryMayListOtherAlgorithmsAndParameters() {
        assertThat(ContentDigest.parse(" sha-512=:" + Base64.getEncoder().encodeToString(new byte[64])
                + ":;x=1 ,  sha-256=:" + SHA256 + ":")).isNotNull();
    }

    @Test
    void aHeaderThatDeclaresNothingCheckableIsRefused() {
        for (String header : new String[] {"", "sha-256=" + SHA256, "sha-256=:" + SHA256, "md5=:AAAA:",
                "sha-256=:" + SHA256.substring(4) + ":", "sha-256=:not base64!:", "SHA-256=:" + SHA256 + ":"}) {
            assertThatThrownBy(() -> ContentDigest.parse(header)).as(header)
                    .isInstanceOf(CairnException.class)
                    .satisfies(e -> assertThat(((CairnException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        }
    }

    @Test
    void noDigestKeepsTheEtagAlone() {
        assertThat(ContentDigest.check(null).verify(new byte[16]).checksum()).isNull();
    }

    @Test
    void onlyAWholeFileSha256IsADigestOfItsBytes() {
        assertThat(ContentDigest.sha256Of(new Checksum("SHA256", SHA256, 0))).isEqualTo(SHA256);
        assertThat(ContentDigest.sha256Of(new Checksum("SHA256", SHA256, 3))).as("S3 composite").isNull();
        assertThat(ContentDigest.sha256Of(new Checksum("CRC32", "AAAAAA==", 0))).isNull();
        assertThat(ContentDigest.sha256Of(null)).isNull();
    }

    private static void readAll(InputStream in) throws IOException {
        in.transferTo(java.io.OutputStream.nullOutputStream());
    }

    private static String sha256(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
