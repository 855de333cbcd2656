package io.cairn.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeaderTextTest {

    /** What Jetty hands over for these bytes: one character per byte. */
    private static String asJettyReads(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Test
    void utf8BytesAreReadAsTheTextTheyEncode() {
        String read = HeaderText.decode(asJettyReads("Hello World\u00e9 \u65e5\u672c".getBytes(StandardCharsets.UTF_8)));

        assertThat(read).isEqualTo("Hello World\u00e9 \u65e5\u672c");
        assertThat(read.getBytes(StandardCharsets.UTF_8)).isEqualTo("Hello World\u00e9 \u65e5\u672c"
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void bytesThatAreNotUtf8StayAsJettyReadThem() {
        String latin1 = asJettyReads(new byte[] {'H', (byte) 0xe9, '!'});

        assertThat(HeaderText.decode(latin1)).isEqualTo("H\u00e9!");
    }

    @Test
    void asciiAndAbsentValuesPassUnchanged() {
        String ascii = "AWS4-HMAC-SHA256 Credential=x";

        assertThat(HeaderText.decode(ascii)).isSameAs(ascii);
        assertThat(HeaderText.decode(null)).isNull();
    }
}
