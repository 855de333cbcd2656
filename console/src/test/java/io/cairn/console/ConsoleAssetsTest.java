package io.cairn.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleAssetsTest {
    @TempDir
    Path dir;

    @Test
    void anyChangedFileGivesEveryFileANewVersion() throws Exception {
        Files.writeString(dir.resolve("index.html"), "<script src=\"{{BASE}}/app.js\"></script>");
        Files.writeString(dir.resolve("app.js"), "import './lib/util.js';");
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/util.js"), "export const a = 1;");
        String first = ConsoleAssets.read(dir).version();
        assertThat(ConsoleAssets.read(dir).version()).isEqualTo(first);
        Files.writeString(dir.resolve("lib/util.js"), "export const a = 2;");
        assertThat(ConsoleAssets.read(dir).version()).isNotEqualTo(first).hasSize(16);
    }

    @Test
    void aFileOfAnUnknownTypeStopsTheStartRatherThanBeingServedWrong() throws Exception {
        Files.writeString(dir.resolve("index.html"), "");
        Files.writeString(dir.resolve("notes.txt~"), "");
        assertThatThrownBy(() -> ConsoleAssets.read(dir)).hasMessageContaining("notes.txt~");
    }

    @Test
    void gzipIsSentOnlyWhereTheClientAcceptsIt() {
        assertThat(ConsoleAssets.acceptsGzip("gzip, deflate, br")).isTrue();
        assertThat(ConsoleAssets.acceptsGzip("br;q=1.0, GZIP;q=0.5")).isTrue();
        assertThat(ConsoleAssets.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(ConsoleAssets.acceptsGzip("gzip; q=0.0")).isFalse();
        assertThat(ConsoleAssets.acceptsGzip("identity")).isFalse();
        assertThat(ConsoleAssets.acceptsGzip(null)).isFalse();
    }

    @Test
    void theJarsOwnConsoleLoads() {
        assertThat(ConsoleAssets.load().version()).hasSize(16);
    }
}
