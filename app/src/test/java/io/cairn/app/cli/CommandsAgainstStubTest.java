package io.cairn.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The requests each command sends, checked against a stub server; no cluster needed. */
class CommandsAgainstStubTest {
    private static final String UPLOADED = """
            {"message":"File uploaded successfully","filename":"dir/my file+1.txt","bucket":"default","size":11,
             "version":2,"chunks":1,"chunk_size":4194304,"replication_factor":3,"deduplicated_chunks":0}""";

    @TempDir
    Path dir;

    @Test
    void putSendsTheFileAsTheBodyWithEncodedNameQueryAndHeaders() throws Exception {
        Path file = Files.writeString(dir.resolve("local.txt"), "hello world");
        try (StubServer server = new StubServer((req, ex) -> StubServer.json(ex, 201, UPLOADED))) {
            Cli cli = Cli.run(new PutCommand(), "--url", server.url() + "/", "--api-key", "s3cret", file.toString(),
                    "dir/my file+1.txt", "-r", "3", "--chunk-size", "4MiB", "--if-none-match");

            assertThat(cli.exitCode()).as(cli.err()).isZero();
            assertThat(cli.out()).isEqualTo("uploaded dir/my file+1.txt: 11 B (11 bytes), version 2, 1 chunk,"
                    + " 0 deduplicated" + System.lineSeparator());
            StubServer.Request put = single(server);
            assertThat(put.method()).isEqualTo("PUT");
            assertThat(put.rawPath()).isEqualTo("/files/dir/my%20file%2B1.txt");
            assertThat(put.rawQuery()).isEqualTo("bucket=default&replication_factor=3&chunk_size=4194304");
            assertThat(put.header("If-None-Match")).isEqualTo("*");
            assertThat(put.header("X-API-Key")).isEqualTo("s3cret");
            assertThat(put.header("Content-Length")).isEqualTo("11");
            assertThat(put.header("Content-Type")).isEqualTo("text/plain");
            assertThat(put.bodyText()).isEqualTo("hello world");
        }
    }

    @Test
    void putNamesTheFileAfterItsBaseNameAndSendsNoOptionalParameters() throws Exception {
        Path file = Files.write(dir.resolve("photo.bin"), new byte[] {1, 2, 3});
        try (StubServer server = new StubServer((req, ex) -> StubServer.json(ex, 201, UPLOADED))) {
            Cli cli = Cli.run(new PutCommand(), "--url", server.url(), "-b", "photos", "-q", file.toString());

            assertThat(cli.exitCode()).isZero();
            assertThat(cli.out()).isEmpty();
            StubServer.Request put = single(server);
            assertThat(put.rawPath()).isEqualTo("/files/photo.bin");
            assertThat(put.rawQuery()).isEqualTo("bucket=photos");
            assertThat(put.header("If-None-Match")).isNull();
            assertThat(put.header("X-API-Key")).isNull();
            assertThat(put.header("Content-Type")).isEqualTo("application/octet-stream");
            assertThat(put.body()).containsExactly(1, 2, 3);
        }
    }

    @Test
    void aLargePutAsksForContinueAndReportsProgressOnStderr() throws Exception {
        byte[] content = RandomStream.bytes(7, 6 << 20);
        Path file = Files.write(dir.resolve("big.bin"), content);
        try (StubServer server = new StubServer((req, ex) -> StubServer.json(ex, 201, UPLOADED))) {
            Cli cli = Cli.run(new PutCommand(), "--url", server.url(), file.toString());

            assertThat(cli.exitCode()).as(cli.err()).isZero();
            StubServer.Request put = single(server);
            assertThat(put.header("Expect")).isEqualToIgnoringCase("100-continue");
            assertThat(put.header("Content-Length")).isEqualTo(Integer.toString(content.length));
            assertThat(put.body()).isEqualTo(content);
            // Tests run without a terminal: a line per 10% and a closing summary.
            assertThat(cli.err()).contains("put big.bin: 50% (3.0 MiB of 6.0 MiB)", "put big.bin: 6.0 MiB in ");
        }
    }

    @Test
    void aKeyEndingLikeASubResourceIsUploadedAsMultipart() throws Exception {
        Path file = Files.writeString(dir.resolve("m"), "payload");
        try (StubServer server = new StubServer((req, ex) -> StubServer.json(ex, 201, UPLOADED))) {
            Cli cli = Cli.run(new PutCommand(), "--url", server.url(), file.toString(), "a/metadata");

            assertThat(cli.exitCode()).as(cli.err()).isZero();
            StubServer.Request post = single(server);
            assertThat(post.method()).isEqualTo("POST");
            assertThat(post.rawPath()).isEqualTo("/upload");
            assertThat(post.rawQuery()).isEqualTo("bucket=default&filename=a%2Fmetadata");
            String boundary = post.header("Content-Type").replaceFirst("^multipart/form-data; boundary=", "");
            assertThat(post.bodyText()).startsWith("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"")
                    .contains("\r\n\r\npayload\r\n--" + boundary + "--\r\n");
            assertThat(post.header("Content-Length")).isEqualTo(Integer.toString(post.body().length));
        }
    }

    @Test
    void putOfAMissingFileFailsLocallyWithoutARequest() throws Exception {
        try (StubServer server = new StubServer((req, ex) -> StubServer.json(ex, 201, UPLOADED))) {
            Cli cli = Cli.run(new PutCommand(), "--url", server.url(), dir.resolve("nope").toString());

            assertThat(cli.exitCode()).isEqualTo(1);
            assertThat(cli.err()).startsWith("error: no such file or directory: ");
            assertThat(server.requests()).isEmpty();
            assertThat(Cli.run(new PutCommand(), "--url", server.url(), "-").err())
                    .contains("standard input (-) needs a NAME");
        }
    }

    @Test
    void aRefusedPutPrintsTheServersErrorAndExitsWithTwo() throws Exception {
        Path file = Files.writeString(dir.resolve("a.txt"), "x");
        try (StubServer server = new StubServer((req, ex) -> StubServer.json(ex, 409,
                "{\"error\":\"ALREADY_EXISTS\",\"message\":\"a.txt already exists\"}"))) {
            Cli cli = Cli.run(new PutCommand(), "--url", server.url(), "--if-none-match", file.toString());

            assertThat(cli.exitCode()).isEqualTo(2);
            assertThat(cli.err()).isEqualTo("error: ALREADY_EXISTS: a.txt already exists" + System.lineSeparator());
        }
    }

    @Test
    void getWritesATemporaryFileAndRenamesItOverTheTargetOnlyWhenComplete() throws Exception {
        byte[] content = new byte[256 * 1024];
        new java.util.Random(1).nextBytes(content);
        Path target = dir.resolve("out.bin");
        Files.writeString(target, "old content");
        AtomicReference<String> duringTransfer = new AtomicReference<>();
        try (StubServer server = new StubServer((req, ex) -> {
            ex.getResponseHeaders().set("X-Cairn-Version", "7");
            ex.sendResponseHeaders(200, content.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(content, 0, content.length / 2);
                out.flush();
                // Hold the rest back until the client has written some bytes, then look at the directory.
                duringTransfer.set(awaitPartialFile(target, content.length / 2));
                out.write(content, content.length / 2, content.length - content.length / 2);
            }
        })) {
            Cli cli = Cli.run(new GetCommand(), "--url", server.url(), "--version", "7", "dir/my file+1.txt",
                    target.toString());

            assertThat(cli.exitCode()).as(cli.err()).isZero();
            assertThat(duringTransfer.get()).isEqualTo("target untouched, partial .part file present");
            assertThat(Files.readAllBytes(target)).isEqualTo(content);
            assertThat(partFiles()).isEmpty();
            assertThat(cli.out()).startsWith("downloaded dir/my file+1.txt, version 7: 256.0 KiB (262144 bytes) -> ");
            StubServer.Request get = single(server);
            assertThat(get.method()).isEqualTo("GET");
            assertThat(get.rawPath()).isEqualTo("/download/dir/my%20file%2B1.txt");
            assertThat(get.rawQuery()).isEqualTo("bucket=default&version=7");
        }
    }

    @Test
    void aBrokenDownloadLeavesTheTargetAsItWasAndNoTemporaryFile() throws Exception {
        Path target = dir.resolve("out.bin");
        Files.writeString(target, "old content");
        // A raw socket: announce 1000 bytes, send 500, hang up (the JDK server would keep the connection open).
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = Thread.ofVirtual().start(() -> {
                try (Socket socket = listener.accept()) {
                    socket.getInputStream().read(new byte[8192]);
                    OutputStream out = socket.getOutputStream();
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.write(new byte[500]);
                    out.flush();
                } catch (IOException e) {
                    // The test's assertions tell what the client saw.
                }
            });
            String url = "http://127.0.0.1:" + listener.getLocalPort();
            Cli cli = Cli.run(new GetCommand(), "--url", url, "x", target.toString());
            server.join();

            assertThat(cli.exitCode()).as(cli.err()).isEqualTo(4);
            assertThat(cli.err()).startsWith("error: the connection to " + url + " failed");
            assertThat(Files.readString(target)).isEqualTo("old content");
            assertThat(partFiles()).isEmpty();
        }
    }

    @Test
    void getOfAMissingNameExitsWithThreeAndCreatesNothing() throws Exception {
        try (StubServer server = new StubServer((req, ex) -> StubServer.json(ex, 404,
                "{\"error\":\"NOT_FOUND\",\"message\":\"no file 'a/b.txt' in bucket default\"}"))) {
            Cli cli = Cli.run(new GetCommand(), "--url", server.url(), "a/b.txt", dir.toString());

            assertThat(cli.exitCode()).isEqualTo(3);
            assertThat(cli.err()).startsWith("error: NOT_FOUND: no file 'a/b.txt'");
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files).isEmpty();
            }
        }
    }

    @Test
    void getIntoADirectoryUsesTheNamesBaseName() throws Exception {
        try (StubServer server = new StubServer((req, ex) -> StubServer.bytes(ex, 200, "abc".getBytes()))) {
            Cli cli = Cli.run(new GetCommand(), "--url", server.url(), "-q", "a/b/c.txt", dir.toString());

            assertThat(cli.exitCode()).as(cli.err()).isZero();
            assertThat(Files.readString(dir.resolve("c.txt"))).isEqualTo("abc");
        }
    }

    @Test
    void lsFollowsNextPagesAndPrintsOneTable() throws Exception {
        try (StubServer server = new StubServer((req, ex) -> {
            if (req.rawQuery().contains("after=")) {
                StubServer.json(ex, 200, """
                        {"bucket":"default","files":[{"filename":"di r/c","size":3,"version":1,"versions":1,
                         "uploaded_at":"2026-11-22T10:00:02Z","chunks":1}]}""");
            } else {
                StubServer.json(ex, 200, """
                        {"bucket":"default","files":[
                         {"filename":"di r/a","size":1,"version":1,"versions":1,"uploaded_at":"2026-11-22T10:00:00Z","chunks":1},
                         {"filename":"di r/b+","size":2048,"version":4,"versions":3,"uploaded_at":"2026-11-22T10:00:01Z","chunks":1}],
                         "next":"di r/b+"}""");
            }
        })) {
            Cli cli = Cli.run(new LsCommand(), "--url", server.url(), "--page-size", "2", "di r/");

            assertThat(cli.exitCode()).as(cli.err()).isZero();
            List<StubServer.Request> requests = server.requests();
            assertThat(requests).extracting(StubServer.Request::method).containsExactly("GET", "GET");
            assertThat(requests).extracting(StubServer.Request::rawPath).containsExactly("/files", "/files");
            assertThat(requests).extracting(StubServer.Request::rawQuery).containsExactly(
                    "bucket=default&prefix=di%20r%2F&limit=2",
                    "bucket=default&prefix=di%20r%2F&after=di%20r%2Fb%2B&limit=2");
            assertThat(cli.out().lines().toList()).containsExactly(
                    "   SIZE  VERSION  VERSIONS  UPLOADED              NAME",
                    "    1 B        1         1  2026-11-22T10:00:00Z  di r/a",
                    "2.0 KiB        4         3  2026-11-22T10:00:01Z  di r/b+",
                    "    3 B        1         1  2026-11-22T10:00:02Z  di r/c");

            Cli json = Cli.run(new LsCommand(), "--url", server.url(), "--page-size", "2", "--json");
            assertThat(json.out().lines()).hasSize(3).allMatch(line -> line.startsWith("{\"filename\":\"di r/"));
        }
    }

    @Test
    void rmDeletesAndReportsTheVersions() throws Exception {
        try (StubServer server = new StubServer((req, ex) -> StubServer.json(ex, 200,
                "{\"message\":\"File deleted successfully\",\"filename\":\"a b\",\"versions_deleted\":[1,2]}"))) {
            Cli cli = Cli.run(new RmCommand(), "--url", server.url(), "a b");
            Cli one = Cli.run(new RmCommand(), "--url", server.url(), "--version", "2", "x/chunks");

            assertThat(cli.exitCode()).isZero();
            assertThat(cli.out()).isEqualTo("deleted a b (versions 1, 2)" + System.lineSeparator());
            assertThat(one.exitCode()).isZero();
            assertThat(server.requests()).extracting(r -> r.method() + " " + r.rawPath() + "?" + r.rawQuery())
                    .containsExactly("DELETE /files/a%20b?bucket=default",
                            "DELETE /delete/x/chunks?bucket=default&version=2");
        }
    }

    @Test
    void statShowsMetadataAndEveryChunksReplicas() throws Exception {
        try (StubServer server = new StubServer((req, ex) -> {
            if (req.rawPath().endsWith("/metadata")) {
                StubServer.json(ex, 200, """
                        {"filename":"f","bucket":"default","version":3,"size":5242880,"content_type":"text/plain",
                         "uploaded_at":"2026-11-22T10:00:00Z","chunk_size":4194304,"chunks":2,"replication_factor":2,
                         "metadata":{"owner":"ann"}}""");
            } else {
                StubServer.json(ex, 200, """
                        {"filename":"f","version":3,"chunks":[
                         {"index":0,"id":"aa","size":4194304,"offset":0,"replicas":[
                           {"node_id":"n1","url":"u1","healthy":true},{"node_id":"n2","url":"u2","healthy":false}]},
                         {"index":1,"id":"bb","size":1048576,"offset":4194304,"replicas":[]}]}""");
            }
        })) {
            Cli cli = Cli.run(new StatCommand(), "--url", server.url(), "f");

            assertThat(cli.exitCode()).as(cli.err()).isZero();
            assertThat(server.requests()).extracting(r -> r.rawPath() + "?" + r.rawQuery())
                    .containsExactly("/files/f/metadata?bucket=default", "/files/f/chunks?bucket=default&version=3");
            assertThat(cli.out()).contains("version:       3", "size:          5.0 MiB (5242880 bytes)",
                    "metadata:      owner=ann", "n1 (healthy), n2 (UNHEALTHY)", "NONE");

            Cli json = Cli.run(new StatCommand(), "--url", server.url(), "--json", "f");
            assertThat(json.out()).contains("\"metadata\" : {", "\"chunks\" : {");
        }
    }

    @Test
    void statusAndNodesRenderTheServersViews() throws Exception {
        try (StubServer server = new StubServer((req, ex) -> {
            if (req.rawPath().equals("/status")) {
                StubServer.json(ex, 200, """
                        {"status":"healthy","cluster_id":"c1","nodes":3,"healthy_nodes":3,"total_files":2,
                         "total_versions":3,"total_chunks":4,"logical_bytes":1048576,"storage_used_bytes":2097152,
                         "storage_used":"2.0 MiB","capacity_bytes":1073741824,"free_bytes":536870912,
                         "replication_factor":2,"uptime_seconds":65,"uptime":"1m 5s"}""");
            } else {
                StubServer.json(ex, 200, """
                        {"nodes":[{"node_id":"n1","url":"http://127.0.0.1:9001","status":"healthy",
                          "capacity_bytes":1073741824,"used_bytes":1048576,"free_bytes":1072693248,"chunks":4,"load":0,
                          "registered_at":"2026-11-22T10:00:00Z","last_heartbeat":"2026-11-22T10:00:05Z",
                          "last_heartbeat_age_ms":200}]}""");
            }
        })) {
            Cli status = Cli.run(new StatusCommand(), "--url", server.url());
            Cli nodes = Cli.run(new NodesCommand(), "--url", server.url());

            assertThat(status.exitCode()).isZero();
            assertThat(status.out()).contains("status:       healthy", "nodes:        3 (3 healthy)",
                    "capacity:     1.0 GiB (512.0 MiB free, 50% used)", "uptime:       1m 5s");
            assertThat(nodes.out().lines()).hasSize(2);
            assertThat(nodes.out()).contains("n1  http://127.0.0.1:9001  healthy", "0.2s ago");
        }
    }

    private static StubServer.Request single(StubServer server) {
        assertThat(server.requests()).hasSize(1);
        return server.requests().getFirst();
    }

    private List<Path> partFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
        }
    }

    /** Waits (up to 5 s) for the client's temporary file to hold {@code bytes}; describes what it then sees. */
    private static String awaitPartialFile(Path target, long bytes) throws IOException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(target.getParent())) {
                for (Path p : files.toList()) {
                    String name = p.getFileName().toString();
                    if (name.startsWith(".out.bin.") && name.endsWith(".part") && Files.size(p) >= bytes) {
                        boolean untouched = Files.readString(target, StandardCharsets.UTF_8).equals("old content");
                        return untouched ? "target untouched, partial .part file present" : "target changed early";
                    }
                }
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
        return "no partial file appeared";
    }
}
