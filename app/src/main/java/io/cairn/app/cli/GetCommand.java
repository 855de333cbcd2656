package io.cairn.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "get", exitCodeOnInvalidInput = CliErrors.LOCAL,
        description = {"Download a file (GET /download/NAME).",
                "The bytes go to a temporary file next to the target, renamed only once complete: a failed download"
                        + " never leaves a partial file under the target's name."})
public final class GetCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Name in the bucket.")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FILE",
            description = "Where to write: a file, a directory, or - for standard output"
                    + " (default: NAME's base name in the current directory).")
    String file;

    @Option(names = "--version", paramLabel = "N", description = "Version to fetch (default: the latest).")
    Long version;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar and no summary line.")
    boolean quiet;

    @Override
    public Integer call() {
        return CliErrors.run(spec.commandLine().getErr(), this::download);
    }

    private int download() throws Exception {
        CliErrors.checkNameAndVersion(name, version);
        boolean toStdout = "-".equals(file);
        Path target = toStdout ? null : target();
        try (RestClient rest = RestClient.open(client)) {
            String path = Routes.download(name) + new QueryString().add("bucket", rest.bucket()).add("version", version);
            // Asked before any local file exists, so a 404 or an unreachable cluster leaves nothing behind.
            RestClient.Reply<InputStream> reply = rest.stream(rest.request(path).GET().build());
            long expected = reply.contentLength();
            ProgressBar progress = ProgressBar.start("get " + name, expected, quiet, err());
            long received;
            try (InputStream in = reply.body()) {
                received = toStdout ? toStdout(in, progress, rest) : toFile(in, target, expected, progress, rest);
            } catch (RuntimeException | IOException e) {
                progress.abort();
                throw e;
            }
            progress.finish();
            if (!quiet && !toStdout) {
                String v = reply.headers().firstValue("X-Cairn-Version").map(s -> ", version " + s).orElse("");
                spec.commandLine().getOut().println(String.format(Locale.ROOT, "downloaded %s%s: %s (%d bytes) -> %s",
                        name, v, Formats.bytes(received), received, target));
            }
        }
        return CliErrors.OK;
    }

    private long toStdout(InputStream in, ProgressBar progress, RestClient rest) {
        // Binary output goes to the process's stdout directly: picocli's writer is for text.
        PrintStream stdout = System.out;
        long n = Transfers.copy(in, stdout, progress::advance, rest.base());
        stdout.flush();
        if (stdout.checkError()) {
            throw CliErrors.usage("writing to standard output failed");
        }
        return n;
    }

    /** Streams into a temporary file in the target's directory, syncs it, then renames it over the target. */
    static long toFile(InputStream in, Path target, long expected, ProgressBar progress, RestClient rest)
            throws IOException {
        Path tmp = temporarySibling(target);
        boolean renamed = false;
        try {
            long received;
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                received = Transfers.copy(in, out, progress::advance, rest.base());
                if (expected >= 0 && received != expected) {
                    throw CliErrors.transport(rest.base(), new IOException(
                            "download ended after " + received + " of " + expected + " bytes"));
                }
                // The rename must not reach the disk before the bytes do, or a crash could leave an empty target.
                channel.force(false);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            renamed = true;
            return received;
        } finally {
            if (!renamed) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** ".NAME.RANDOM.part" beside the target: same file system (so the rename is atomic), hidden from plain ls. */
    static Path temporarySibling(Path target) {
        Path absolute = target.toAbsolutePath();
        String base = absolute.getFileName().toString();
        if (base.length() > 100) {
            base = base.substring(0, 100);
        }
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        return absolute.resolveSibling("." + base + "." + HexFormat.of().formatHex(random) + ".part");
    }

    private Path target() {
        Path target = chooseTarget();
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw CliErrors.usage("no such directory: " + parent);
        }
        return target;
    }

    private Path chooseTarget() {
        String base = name.substring(name.lastIndexOf('/') + 1);
        if (file == null) {
            if (base.isEmpty()) {
                throw CliErrors.usage("'" + name + "' ends with '/': give a FILE to write to");
            }
            return Path.of(base);
        }
        Path path = Path.of(file);
        if (Files.isDirectory(path)) {
            if (base.isEmpty()) {
                throw CliErrors.usage("'" + name + "' ends with '/': give a FILE name, not a directory");
            }
            return path.resolve(base);
        }
        return path;
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
