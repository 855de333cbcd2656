package io.cairn.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/** The console's files read from a jar, as a packaged server reads them, by several gateways starting at once. */
class ConsoleAssetsJarTest {
    @TempDir
    Path dir;

    @RepeatedTest(5)
    void gatewaysStartingTogetherAllReadTheJar() throws Exception {
        Path jar = dir.resolve("console.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : List.of("index.html", "app.js", "lib/ui.js", "console.css")) {
                out.putNextEntry(new JarEntry(ConsoleAssets.ROOT + "/" + name));
                out.write(("content of " + name).repeat(2000).getBytes());
                out.closeEntry();
            }
        }
        URL anchor = new URL("jar:" + jar.toUri() + "!/" + ConsoleAssets.ROOT + "/" + ConsoleAssets.INDEX);
        List<Callable<String>> starts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            starts.add(() -> ConsoleAssets.load(anchor).version());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<String> versions = new ArrayList<>();
            for (Future<String> start : pool.invokeAll(starts)) {
                versions.add(start.get());
            }
            assertThat(versions).hasSize(8).containsOnly(versions.getFirst());
        } finally {
            pool.shutdownNow();
        }
    }
}
