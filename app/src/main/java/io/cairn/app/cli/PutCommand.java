package io.cairn.app.cli;

import io.cairn.core.Names;
import java.io.PrintWriter;
import java.net.URLConnection;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "put", exitCodeOnInvalidInput = CliErrors.LOCAL,
        description = "Upload a file (PUT /files/NAME). Prints name, size, version, chunks and deduplicated chunks.")
public final class PutCommand implements Callable<Integer> {
    /** Above this a request asks "Expect: 100-continue", so a refused upload is not sent in full first. */
    private static final long EXPECT_CONTINUE_ABOVE = 1L << 20;

    @Mixin
    ClientOptions client;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "File to upload, or - to read standard input.")
    String file;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME",
            description = "Name in the bucket (default: the file's base name; required with -).")
    String name;

    @Option(names = {"-r", "--replication"}, paramLabel = "R",
            description = "Replication factor (default: the cluster's).")
    Integer replication;

    @Option(names = "--chunk-size", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Chunk size, e.g. 4MiB (default: the cluster's).")
    Long chunkSize;

    @Option(names = "--if-none-match", description = "Fail (409) instead of adding a version if NAME exists.")
    boolean ifNoneMatch;

    @Option(names = "--content-type", paramLabel = "TYPE",
            description = "Content type (default: guessed from NAME, else application/octet-stream).")
    String contentType;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar and no summary line.")
    boolean quiet;

    @Override
    public Integer call() {
        return CliErrors.run(spec.commandLine().getErr(), this::upload);
    }

    private int upload() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean stdin = file.equals("-");
        String key = name != null ? name : stdin ? null : baseName(Path.of(file));
        if (key == null) {
            throw CliErrors.usage("reading standard input (-) needs a NAME: cairn put - NAME");
        }
        Names.key(key);
        if (replication != null && replication < 1) {
            throw CliErrors.usage("--replication must be at least 1");
        }
        long size = stdin ? -1 : size(Path.of(file));
        String type = Objects.requireNonNullElseGet(contentType, () -> guessType(key));
        ProgressBar progress = ProgressBar.start("put " + key, size, quiet, err);
        BodyPublisher content = stdin
                ? BodyPublishers.ofInputStream(() -> Transfers.counting(System.in, progress::advance))
                : BodyPublishers.fromPublisher(Transfers.counting(BodyPublishers.ofFile(Path.of(file)),
                        progress::advance), size);
        try (RestClient rest = RestClient.open(client)) {
            QueryString query = new QueryString().add("bucket", rest.bucket())
                    .add("replication_factor", replication).add("chunk_size", chunkSize);
            HttpRequest.Builder request;
            if (Routes.collidesWithSubResource(key)) {
                // PUT /files/a/metadata would replace a's metadata: such keys are written through POST /upload.
                MultipartBody form = MultipartBody.of(content, type);
                request = rest.request(Routes.UPLOAD + query.add("filename", key))
                        .POST(form.publisher()).header("Content-Type", form.contentType());
            } else {
                request = rest.request(Routes.file(key) + query).PUT(content).header("Content-Type", type);
            }
            if (ifNoneMatch) {
                request.header("If-None-Match", "*");
            }
            if (size < 0 || size > EXPECT_CONTINUE_ABOVE) {
                request.expectContinue(true);
            }
            Wire.Upload result;
            try {
                result = rest.json(request.build(), Wire.Upload.class);
            } catch (CliException e) {
                progress.abort();
                throw CliErrors.uploadBroken(rest.base(), e);
            } catch (RuntimeException e) {
                progress.abort();
                throw e;
            }
            progress.finish();
            if (!quiet) {
                out.println(summary(result, rest.bucket()));
            }
        }
        return CliErrors.OK;
    }

    /** "uploaded a.txt: 1.2 MiB (1234567 bytes), version 3, 4 chunks, 1 deduplicated". */
    static String summary(Wire.Upload r, String bucket) {
        String where = r.bucket() == null || r.bucket().equals("default") ? "" : " in bucket " + r.bucket();
        return String.format(Locale.ROOT, "uploaded %s%s: %s (%d bytes), version %d, %d chunk%s, %d deduplicated",
                r.filename(), where, Formats.bytes(r.size()), r.size(), r.version(), r.chunks(),
                r.chunks() == 1 ? "" : "s", r.deduplicated_chunks());
    }

    private static long size(Path path) throws java.io.IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString());
        }
        if (Files.isDirectory(path)) {
            throw CliErrors.usage(path + " is a directory; put uploads one file");
        }
        return Files.size(path);
    }

    private static String baseName(Path path) {
        Path fileName = path.getFileName();
        return fileName == null ? null : fileName.toString();
    }

    static String guessType(String key) {
        String guessed = URLConnection.guessContentTypeFromName(key);
        return guessed != null ? guessed : "application/octet-stream";
    }
}
