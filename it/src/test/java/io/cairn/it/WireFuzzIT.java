package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * A bounded fuzz of every parser a request meets on the wire: valid requests of each kind (REST PUT, multipart form,
 * ranged GET, S3 PUT signed with SigV4, an aws-chunked streaming upload with per-chunk signatures, a signed XML
 * body, listings with queries) mutated byte by byte, header by header and by truncation, sent raw to the REST and S3
 * ports. Whatever arrives, the server answers (a refusal, or 501/503/505 where HTTP says so) or closes the connection,
 * within seconds; it never fails with an internal error, and it still serves a normal request afterwards. The seed
 * changes every day and is in every failure message ({@code -Dcairn.fuzz.seed=N} replays one;
 * {@code -Dcairn.fuzz.seeds=K} runs K seeds from there, to try the days ahead at once).
 */
class WireFuzzIT extends SharedClusterTest {
    private static final int MUTANTS_PER_SEED = 150;
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
    private static final String BASIC = "Authorization: Basic " + Base64.getEncoder().encodeToString(
            (TestClusters.ROOT_KEY + ":" + TestClusters.ROOT_SECRET).getBytes(StandardCharsets.UTF_8)) + "\r\n";

    /** A valid request and the port it goes to. */
    private record Seed(String name, URI port, byte[] bytes) {
    }

    @Test
    void mutatedRequestsGetARefusalOrAClosedConnectionNeverAnInternalErrorOrSilence() throws Exception {
        long first = Long.getLong("cairn.fuzz.seed", LocalDate.now(ZoneOffset.UTC).toEpochDay());
        long count = Long.getLong("cairn.fuzz.seeds", 1);
        List<String> failures = new ArrayList<>();
        for (long seed = first; seed < first + count; seed++) {
            failures.addAll(fuzz(seed));
        }
        assertThat(failures).as("seeds " + first + " to " + (first + count - 1)).isEmpty();
        assertThat(new Http(cluster.url()).get("/health").status()).isEqualTo(200);
        assertThat(status(send(URI.create(cluster.url()), seeds().getFirst().bytes()))).isBetween(200, 299);
    }

    /** Sends one seed's mutants of every valid request; returns what went wrong, each naming the seed. */
    private List<String> fuzz(long seed) throws Exception {
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Seed valid : seeds()) {
            String answer = send(valid.port(), valid.bytes());
            assertThat(status(answer)).as("the unmutated " + valid.name() + ": " + head(answer)).isBetween(200, 299);
            for (int i = 0; i < MUTANTS_PER_SEED; i++) {
                byte[] mutant = mutate(valid.bytes(), random);
                String got;
                try {
                    got = send(valid.port(), mutant);
                } catch (SocketTimeoutException e) {
                    failures.add(valid.name() + " mutant " + i + ": no answer within " + ANSWER_WITHIN);
                    continue;
                }
                sent++;
                // 501 (a method or operation not implemented), 503 (busy) and 505 (an HTTP version that is not 1.x)
                // are answers; 500 is an exception nobody meant.
                int status = status(got);
                if (status == 500 || status == 502 || status == 504) {
                    failures.add(valid.name() + " mutant " + i + ": " + head(got) + "\n  sent: " + printable(mutant));
                }
            }
        }
        String of = "seed " + seed + " (" + sent + " mutants sent): ";
        return failures.stream().map(failure -> of + failure).toList();
    }

    private static List<Seed> seeds() {
        URI rest = URI.create(cluster.url());
        URI s3 = URI.create(cluster.s3Url());
        String form = "--b0undary\r\nContent-Disposition: form-data; name=\"replication_factor\"\r\n\r\n2\r\n"
                + "--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"form.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nform content\r\n--b0undary--\r\n";
        return List.of(
                new Seed("REST PUT", rest, http("PUT /files/fuzz/put.txt HTTP/1.1\r\nHost: h\r\n" + BASIC
                        + "Content-Type: text/plain\r\nContent-Length: 11\r\n\r\nhello fuzz!")),
                new Seed("REST multipart form", rest, http("POST /upload HTTP/1.1\r\nHost: h\r\n" + BASIC
                        + "Content-Type: multipart/form-data; boundary=b0undary\r\nContent-Length: "
                        + form.length() + "\r\n\r\n" + form)),
                new Seed("REST ranged GET", rest, http("GET /files/fuzz/put.txt?version=1 HTTP/1.1\r\nHost: h\r\n"
                        + BASIC + "Range: bytes=2-5\r\n\r\n")),
                new Seed("REST listing", rest, http("GET /files?prefix=fuzz/&limit=10 HTTP/1.1\r\nHost: h\r\n" + BASIC
                        + "\r\n")),
                new Seed("S3 PUT", s3, signed(SdkHttpMethod.PUT, "/fuzz/s3.txt", Map.of(), "s3 body".getBytes(
                        StandardCharsets.UTF_8), false)),
                new Seed("S3 streaming PUT", s3, signed(SdkHttpMethod.PUT, "/fuzz/stream.txt", Map.of(),
                        "streamed body in aws-chunked encoding".repeat(40).getBytes(StandardCharsets.UTF_8), true)),
                new Seed("S3 ListObjectsV2", s3, signed(SdkHttpMethod.GET, "/fuzz", Map.of("list-type", "2",
                        "prefix", "f", "max-keys", "5", "encoding-type", "url"), new byte[0], false)),
                new Seed("S3 DeleteObjects", s3, signed(SdkHttpMethod.POST, "/fuzz", Map.of("delete", ""),
                        ("<Delete><Object><Key>nothing-here</Key></Object><Quiet>true</Quiet></Delete>")
                                .getBytes(StandardCharsets.UTF_8), false)));
    }

    private static byte[] http(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A request to the S3 port signed by the AWS SDK's signer, as bytes on the wire (bucket "fuzz", made first). */
    private static byte[] signed(SdkHttpMethod method, String path, Map<String, String> query, byte[] body,
                                 boolean chunked) {
        ensureBucket();
        URI s3 = URI.create(cluster.s3Url());
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(method).uri(s3).encodedPath(path);
        query.forEach(request::putRawQueryParameter);
        if (!chunked) {
            request.putHeader("Content-Length", Integer.toString(body.length));
        } else {
            request.putHeader("x-amz-decoded-content-length", Integer.toString(body.length));
        }
        var signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(TestClusters.ROOT_KEY, TestClusters.ROOT_SECRET))
                .request(request.build()).payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, chunked)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, chunked)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.systemUTC()));
        byte[] wire;
        try (InputStream in = signed.payload().map(ContentStreamProvider::newStream)
                .orElse(InputStream.nullInputStream())) {
            wire = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder head = new StringBuilder(method.name()).append(' ').append(signed.request().encodedPath());
        signed.request().encodedQueryParameters().ifPresent(q -> head.append('?').append(q));
        head.append(" HTTP/1.1\r\n");
        signed.request().forEachHeader((name, values) -> values.forEach(v -> head.append(name).append(": ")
                .append(v).append("\r\n")));
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(wire);
        return out.toByteArray();
    }

    private static void ensureBucket() {
        assertThat(new Http(cluster.url()).put("/buckets/fuzz", new byte[0]).status()).isIn(201, 409);
    }

    /** One to three mutations: a flipped byte, bytes inserted or deleted, a range duplicated, a cut. */
    private static byte[] mutate(byte[] valid, Random random) {
        byte[] bytes = valid;
        int count = 1 + random.nextInt(3);
        for (int m = 0; m < count && bytes.length > 1; m++) {
            int at = random.nextInt(bytes.length);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            switch (random.nextInt(6)) {
                case 0 -> {
                    bytes = bytes.clone();
                    bytes[at] = (byte) random.nextInt(256);
                }
                case 1 -> {
                    byte[] noise = new byte[1 + random.nextInt(16)];
                    random.nextBytes(noise);
                    out.write(bytes, 0, at);
                    out.writeBytes(noise);
                    out.write(bytes, at, bytes.length - at);
                    bytes = out.toByteArray();
                }
                case 2 -> {
                    int length = Math.min(bytes.length - at, 1 + random.nextInt(32));
                    out.write(bytes, 0, at);
                    out.write(bytes, at + length, bytes.length - at - length);
                    bytes = out.toByteArray();
                }
                case 3 -> {
                    int length = Math.min(bytes.length - at, 1 + random.nextInt(64));
                    out.write(bytes, 0, at + length);
                    out.write(bytes, at, bytes.length - at);
                    bytes = out.toByteArray();
                }
                case 4 -> bytes = java.util.Arrays.copyOf(bytes, at);
                default -> {
                    // A digit made another: lengths, sizes and ranges that no longer agree with the body.
                    bytes = bytes.clone();
                    for (int i = at; i < bytes.length; i++) {
                        if (bytes[i] >= '0' && bytes[i] <= '9') {
                            bytes[i] = (byte) ('0' + random.nextInt(10));
                            break;
                        }
                    }
                }
            }
        }
        return bytes;
    }

    /**
     * Sends the bytes and half-closes, so a request whose framing a mutation broke meets the end of the stream rather
     * than waiting for bytes that never come; answers what came back ("" for a connection closed without an answer).
     *
     * @throws SocketTimeoutException if nothing came back and the connection stayed open
     */
    private static String send(URI port, byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(port.getHost(), port.getPort()), 5_000);
            socket.setSoTimeout((int) ANSWER_WITHIN.toMillis());
            try {
                socket.getOutputStream().write(request);
                socket.shutdownOutput();
            } catch (IOException e) {
                // The server refused and closed while we were still sending: read what it said.
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = socket.getInputStream().read(buffer)) > 0; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                if (answer.size() == 0) {
                    throw e;
                }
            } catch (IOException e) {
                // Reset after (or instead of) an answer: what was read is the answer.
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** The status of the first response in the answer; 0 for none. */
    private static int status(String answer) {
        if (!answer.startsWith("HTTP/1.1 ")) {
            return 0;
        }
        try {
            return Integer.parseInt(answer.substring(9, 12));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static String head(String answer) {
        int end = answer.indexOf("\r\n\r\n");
        String head = end < 0 ? answer : answer.substring(0, Math.min(answer.length(), end + 4 + 300));
        return head.length() > 600 ? head.substring(0, 600) : head;
    }

    private static String printable(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, 400), StandardCharsets.ISO_8859_1);
        return text.replace("\r", "\\r").replace("\n", "\\n");
    }
}
