package io.cairn.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartFileStreamTest {
    private static final String BOUNDARY = "----cairnTestBoundary7MA4YWxkTrZu0gW";
    private static final String TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    @Test
    void streamsTheFilePartAndCollectsFieldsBeforeIt() throws IOException {
        byte[] content = new byte[300_000];
        new Random(1).nextBytes(content);
        byte[] body = body(field("replication_factor", "3"), file("data.bin", content), field("note", "after"));
        MultipartFileStream stream = new MultipartFileStream(trickle(body), TYPE).begin();
        assertThat(stream.fileName()).isEqualTo("data.bin");
        assertThat(stream.fields()).containsEntry("replication_factor", "3");
        assertThat(stream.readAllBytes()).isEqualTo(content);
        assertThat(stream.fields()).containsEntry("note", "after");
    }

    @Test
    void theFieldsBeforeTheFileAreKnownApartEvenWhenOneReadHoldsTheWholeForm() throws IOException {
        byte[] body = body(field("key", "k"), file("a.txt", new byte[] {1, 2}), field("key", "later"),
                field("submit", "Upload"));
        MultipartFileStream stream = new MultipartFileStream(new ByteArrayInputStream(body), TYPE).begin();
        assertThat(stream.fieldsBeforeFile()).containsExactly(java.util.Map.entry("key", "k"));
        assertThat(stream.readAllBytes()).containsExactly(1, 2);
        assertThat(stream.fields()).containsEntry("key", "later").containsEntry("submit", "Upload");
    }

    @Test
    void emptyFileIsFine() throws IOException {
        MultipartFileStream stream = new MultipartFileStream(
                new ByteArrayInputStream(body(file("empty", new byte[0]))), TYPE).begin();
        assertThat(stream.readAllBytes()).isEmpty();
    }

    @Test
    void missingFilePartIsABadRequest() {
        byte[] body = body(field("other", "x"));
        assertThatThrownBy(() -> new MultipartFileStream(new ByteArrayInputStream(body), TYPE).begin())
                .isInstanceOf(CairnException.class).hasMessageContaining("no 'file' part");
    }

    @Test
    void truncatedBodyFailsTheRead() throws IOException {
        byte[] full = body(file("a", new byte[10_000]));
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 100);
        MultipartFileStream stream = new MultipartFileStream(new ByteArrayInputStream(cut), TYPE).begin();
        assertThatThrownBy(stream::readAllBytes).isInstanceOf(CairnException.class);
    }

    @Test
    void aFileNameThatIsNotUtf8IsRefusedNotRewritten() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bad")
                .getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe});
        body.writeBytes(("\"\r\n\r\ncontent\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> new MultipartFileStream(new ByteArrayInputStream(body.toByteArray()), TYPE).begin())
                .isInstanceOfSatisfying(CairnException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_NAME);
                    assertThat(e.getMessage()).contains("not valid UTF-8");
                });
        byte[] accented = body(file("caf\u00e9 \u2603.txt", new byte[] {1}));
        assertThat(catchThrowable(() -> new MultipartFileStream(new ByteArrayInputStream(accented), TYPE).begin()))
                .isNull();
    }

    @Test
    void missingBoundaryIsABadRequest() {
        assertThatThrownBy(() -> new MultipartFileStream(InputStream.nullInputStream(), "text/plain"))
                .isInstanceOf(CairnException.class);
    }

    @Test
    void aContentTypeJettyCannotParseIsABadRequest() {
        // Mutants the wire fuzzer sent: a quote inside the type, and a quote plus bytes that are not ASCII in the
        // boundary. Jetty's parser throws IllegalArgumentException for them, which must not become a 500.
        for (String type : new String[] {"multi\"art/form-data; boundary=b0undary",
                "multipart/form-data; boundary=b0\"]8\u00f8,\u00b9\u00a8undary"}) {
            assertThatThrownBy(() -> new MultipartFileStream(InputStream.nullInputStream(), type).begin())
                    .as(type).isInstanceOf(CairnException.class)
                    .satisfies(e -> assertThat(((CairnException) e).code()).isEqualTo(ErrorCode.BAD_REQUEST));
        }
    }

    @Test
    void fieldsTogetherLargerThanTheFormsMemoryAreABadRequest() {
        // Each field is under its own 64 KiB limit, but five of them are more than the form's fields may hold.
        String value = "x".repeat(60 * 1024);
        byte[] body = body(field("a", value), field("b", value), field("c", value), field("d", value),
                field("e", value), file("late.bin", new byte[10]));
        assertThatThrownBy(() -> new MultipartFileStream(new ByteArrayInputStream(body), TYPE).begin())
                .isInstanceOf(CairnException.class).hasMessageContaining("fields together are larger than 256 KiB");
        assertThat(MultipartFileStream.MEMORY).as("what a form reserves").isLessThanOrEqualTo(1 << 20);
    }

    /** Returns at most 777 bytes per read, so parts straddle many parser calls. */
    private static InputStream trickle(byte[] body) {
        return new ByteArrayInputStream(body) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 777));
            }
        };
    }

    private static byte[] field(String name, String value) {
        return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] file(String filename, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static byte[] body(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
