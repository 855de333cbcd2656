package io.cairn.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArchiveHandlerTest {
    @Test
    void entriesAreNamedBelowTheBaseAndNeverOutsideTheFolderTheyAreUnzippedIn() {
        assertThat(ArchiveHandler.entryName("photos/2026/a.jpg", "photos/")).isEqualTo("2026/a.jpg");
        assertThat(ArchiveHandler.entryName("photos/a.jpg", "docs/")).isEqualTo("photos/a.jpg");
        assertThat(ArchiveHandler.entryName("../../etc/passwd", "")).isEqualTo("_/_/etc/passwd");
        assertThat(ArchiveHandler.entryName("/abs//x/./y", "")).isEqualTo("_/abs/_/x/_/y");
        assertThat(ArchiveHandler.entryName("dir/", "")).isEqualTo("dir/_");
    }
}
