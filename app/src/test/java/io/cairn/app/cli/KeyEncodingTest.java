package io.cairn.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class KeyEncodingTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "plain.txt|plain.txt",
            "dir/sub/file|dir/sub/file",
            "a b|a%20b",
            "a+b|a%2Bb",
            "100%|100%25",
            "%20|%2520",
            "é/日本|%C3%A9/%E6%97%A5%E6%9C%AC",
            "emoji😀|emoji%F0%9F%98%80",
            "q?x=1#f|q%3Fx%3D1%23f",
            "A-Z_a.z~0|A-Z_a.z~0",
            "semi;colon&amp|semi%3Bcolon%26amp"})
    void pathEscapesEverythingButUnreservedAndSlash(String key, String encoded) {
        assertThat(KeyEncoding.path(key)).isEqualTo(encoded);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b+c/d%e", "é/日本/😀", "x?y#z", "dir//double", "trailing/"})
    void aServerDecodingThePathGetsTheKeyBack(String key) {
        assertThat(URI.create("http://h/files/" + KeyEncoding.path(key)).getPath()).isEqualTo("/files/" + key);
    }

    @Test
    void componentAlsoEscapesSlash() {
        assertThat(KeyEncoding.component("a/b c+d")).isEqualTo("a%2Fb%20c%2Bd");
    }

    @Test
    void queryStringSkipsAbsentValuesAndEncodesTheRest() {
        assertThat(new QueryString().toString()).isEmpty();
        assertThat(new QueryString().add("bucket", "default").add("version", null).add("prefix", "a b+/c")
                .add("limit", 10).toString()).isEqualTo("?bucket=default&prefix=a%20b%2B%2Fc&limit=10");
    }

    @Test
    void keysThatLookLikeSubResourcesAreDeletedThroughTheDeleteRoute() {
        assertThat(Routes.delete("a/metadata")).isEqualTo("/delete/a/metadata");
        assertThat(Routes.delete("a/chunks")).isEqualTo("/delete/a/chunks");
        assertThat(Routes.delete("metadata")).isEqualTo("/files/metadata");
        assertThat(Routes.delete("a b")).isEqualTo("/files/a%20b");
        assertThat(Routes.metadata("x/versions")).isEqualTo("/files/x/versions/metadata");
    }
}
