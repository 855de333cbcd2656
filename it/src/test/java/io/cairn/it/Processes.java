package io.cairn.it;

import io.cairn.api.ClusterKey;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;

/** Starts real Cairn processes through the {@code ./cairn} launcher, as a user would, and kills them with SIGKILL. */
final class Processes implements AutoCloseable {
    static final Path LAUNCHER = Path.of("..", "cairn").toAbsolutePath().normalize();
    /** Every port {@link #freePort} gave out in this JVM. */
    private static final Set<Integer> GIVEN_OUT = new HashSet<>();

    private final Path logDir;
    private final List<Process> started = new ArrayList<>();
    /** One cluster's secret for every process started here, as an operator would set it on each machine. */
    private final ClusterKey clusterKey = ClusterKey.generate();

    Processes(Path logDir) {
        this.logDir = logDir;
    }

    /** The cluster secret every process started here gets, unless its environment names another. */
    ClusterKey clusterKey() {
        return clusterKey;
    }

    /**
     * Runs {@code ./cairn args...} with the given extra environment; output goes to a log file named after it. Every
     * process gets the same cluster secret and root user, and the CLI signs in as that user; {@code env} wins (a
     * {@code CLUSTER_SECRET} there starts a process of another cluster).
     */
    Process start(String name, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logDir.resolve(name + ".out").toFile());
        builder.environment().put("CAIRN_NO_BUILD", "1");
        builder.environment().put("LOG_DIR", logDir.resolve("logs-" + name).toString());
        builder.environment().put("CLUSTER_SECRET", clusterKey.hex());
        builder.environment().put("ROOT_ACCESS_KEY", TestClusters.ROOT_KEY);
        builder.environment().put("ROOT_SECRET_KEY", TestClusters.ROOT_SECRET);
        builder.environment().put("CAIRN_ACCESS_KEY", TestClusters.ROOT_KEY);
        builder.environment().put("CAIRN_SECRET_KEY", TestClusters.ROOT_SECRET);
        builder.environment().putAll(env);
        Process process = builder.start();
        started.add(process);
        return process;
    }

    /**
     * Starts a controller process (with the gateway) on a free port, its data under {@code dataDir}, and waits until it
     * is healthy; returns its URL.
     */
    String startController(Map<String, String> env, Path dataDir) throws Exception {
        int port = freePort();
        start("controller", env, "controller", "--port", Integer.toString(port), "--host", "127.0.0.1",
                "--data", dataDir.toString());
        String url = "http://127.0.0.1:" + port;
        awaitHealthy(url + "/health", Duration.ofSeconds(60), "controller");
        return url;
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    static void kill(Process process) throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    String output(String name) throws IOException {
        return Files.readString(logDir.resolve(name + ".out"));
    }

    /**
     * A port free now and never given out before by this JVM: tests pick several ports before the processes bind them.
     * Taken from 32000-32767, below Linux's ephemeral range and above the Raft ports a lone controller picks for
     * itself, so neither a child's port-0 listener nor its outgoing connections can take one first.
     */
    static int freePort() throws IOException {
        synchronized (GIVEN_OUT) {
            for (int attempt = 0; attempt < 200; attempt++) {
                int port = 32_000 + ThreadLocalRandom.current().nextInt(768);
                if (!GIVEN_OUT.add(port)) {
                    continue;
                }
                try (ServerSocket probe = new ServerSocket(port)) {
                    return port;
                } catch (IOException taken) {
                    // Another process holds it: try another.
                }
            }
        }
        throw new IOException("no free port left in 32000-32767 after 200 tries");
    }

    /** Waits until {@code url} answers 200, failing with the process output if it does not within the time. */
    void awaitHealthy(String url, Duration timeout, String name) throws Exception {
        awaitHealthy(url, timeout, name, null);
    }

    /** The same over https, trusting what {@code tls} trusts; null for plain HTTP. */
    void awaitHealthy(String url, Duration timeout, String name, SSLContext tls) throws Exception {
        HttpClient client = tls == null ? HttpClient.newHttpClient() : HttpClient.newBuilder().sslContext(tls).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException ignored) {
                // Not up yet.
            }
            Thread.sleep(100);
        }
        throw new AssertionError(url + " did not become healthy; output of " + name + ":\n" + output(name));
    }

    /**
     * Waits until the output of process {@code name} has a line that {@code wanted} accepts and returns that line,
     * failing with the whole output if none came within the time.
     *
     * @param what what the line says, for the failure message
     */
    String awaitLine(String name, String what, Predicate<String> wanted, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String output = output(name);
            for (String line : output.split("\n")) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no line saying " + what + " in the output of " + name + ":\n" + output);
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() {
        for (Process p : started) {
            p.destroy();
        }
        for (Process p : started) {
            try {
                if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    kill(p);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }
}
