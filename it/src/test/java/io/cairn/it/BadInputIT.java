package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Malformed requests sent byte for byte to the REST and the S3 port, including those Jetty refuses before any route
 * runs: each answers its status in the port's dialect (JSON with an error code on the REST port, S3's XML with a Code
 * on the S3 port) and a message that says what is wrong, whatever the method.
 */
class BadInputIT extends SharedClusterTest {
    private static final String AUTH = "Authorization: Basic " + Base64.getEncoder().encodeToString(
            (TestClusters.ROOT_KEY + ":" + TestClusters.ROOT_SECRET).getBytes(StandardCharsets.UTF_8)) + "\r\n";

    /**
     * A request with {@code PATH} where the port's object path goes, and the status each port must give it (the S3
     * port refuses an unsigned write before it reads a body: 404 there, as the bucket does not exist, which S3 tells
     * anyone).
     */
    private record Case(String name, String request, int status, int s3Status) {
        Case(String name, String request, int status) {
            this(name, request, status, status);
        }
    }

    private static final List<Case> CASES = List.of(
            new Case("percent-escape that is not UTF-8", "GET PATH%ff%fe HTTP/1.1\r\nHost: h\r\nAUTH\r\n\r\n", 400),
            new Case("raw bytes that are not UTF-8", "GET PATH\u00ff\u00fe HTTP/1.1\r\nHost: h\r\nAUTH\r\n\r\n", 400),
            new Case("a broken percent-escape", "GET PATH%zz HTTP/1.1\r\nHost: h\r\nAUTH\r\n\r\n", 400),
            new Case("a Content-Length that is not a number",
                    "PUT PATHx HTTP/1.1\r\nHost: h\r\nAUTH\r\nContent-Length: abc\r\n\r\nhello", 400),
            new Case("Content-Length and Transfer-Encoding both",
                    "PUT PATHx HTTP/1.1\r\nHost: h\r\nAUTH\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n"
                            + "\r\n5\r\nhello\r\n0\r\n\r\n", 400),
            new Case("two different Content-Lengths",
                    "PUT PATHx HTTP/1.1\r\nHost: h\r\nAUTH\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello", 400),
            new Case("a request line without a URI", "GARBAGE\r\n\r\n", 400),
            new Case("a header section over 16 KiB",
                    "GET PATHx HTTP/1.1\r\nHost: h\r\nX-Big: " + "a".repeat(20_000) + "\r\nAUTH\r\n\r\n", 431),
            new Case("a chunk size that is not hex",
                    "PUT PATHx HTTP/1.1\r\nHost: h\r\nAUTH\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
                    400, 404));

    @Test
    void everyMalformedRequestGetsItsStatusInThePortsDialectWithAMessage() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        for (Case c : CASES) {
            String rest = answer(URI.create(cluster.url()), c.request().replace("PATH", "/files/")
                    .replace("AUTH\r\n", AUTH));
            soft.assertThat(statusOf(rest)).as("REST: " + c.name() + "\n" + rest).isEqualTo(c.status());
            soft.assertThat(rest).as("REST: " + c.name()).contains("Content-Type: application/json")
                    .containsPattern("\"error\":\"[A-Z_]+\"").containsPattern("\"message\":\"[^\"]{5,}");

            // S3 answers an unsigned request's refusal only after parsing it: a Basic header is not SigV4.
            String s3 = answer(URI.create(cluster.s3Url()), c.request().replace("PATH", "/bucket/")
                    .replace("AUTH\r\n", ""));
            soft.assertThat(statusOf(s3)).as("S3: " + c.name() + "\n" + s3).isEqualTo(c.s3Status());
            soft.assertThat(s3).as("S3: " + c.name()).contains("Content-Type: application/xml")
                    .containsPattern("<Code>[A-Za-z]+</Code>").containsPattern("<Message>[^<]{5,}</Message>");
        }
        soft.assertAll();
    }

    @Test
    void aPathThatDoesNotDecodeIsS3sInvalidUri() throws Exception {
        String s3 = answer(URI.create(cluster.s3Url()), "GET /bucket/%ff HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(s3).contains("<Code>InvalidURI</Code>").contains("Couldn't parse the specified URI");
    }

    /** Sends the request as it is, with Connection: close, and reads the whole answer (as ISO-8859-1 text). */
    private static String answer(URI base, String request) throws IOException {
        String closing = request.replaceFirst("\r\n\r\n", "\r\nConnection: close\r\n\r\n");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(closing.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                in.transferTo(out);
            } catch (IOException e) {
                // A connection reset after the answer: what was read is the answer.
            }
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static int statusOf(String answer) {
        String[] line = answer.split("\r\n", 2)[0].split(" ");
        return line.length > 1 ? Integer.parseInt(line[1]) : -1;
    }
}
