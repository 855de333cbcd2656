package io.cairn.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableFilesTest {
    @TempDir
    Path dir;

    @Test
    void writeAtomicallyReplacesTheFileAndLeavesNoTemporarySibling() throws IOException {
        Path target = dir.resolve("node.json");

        DurableFiles.writeAtomically(target, "one".getBytes(StandardCharsets.UTF_8));
        DurableFiles.writeAtomically(target, "two".getBytes(StandardCharsets.UTF_8));

        assertThat(Files.readString(target)).isEqualTo("two");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void createDirectoryTellsWhetherItCreated() throws IOException {
        Path sub = dir.resolve("sub");

        assertThat(DurableFiles.createDirectory(sub)).isTrue();
        assertThat(DurableFiles.createDirectory(sub)).isFalse();
        assertThat(Files.isDirectory(sub)).isTrue();
        DurableFiles.fsyncDirectory(sub);
    }
}
