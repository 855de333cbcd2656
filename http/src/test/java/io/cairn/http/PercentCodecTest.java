package io.cairn.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import org.junit.jupiter.api.Test;

class PercentCodecTest {
    @Test
    void decodesUtf8AndKeepsPlus() {
        assertThat(PercentCodec.decodePath("/files/caf%C3%A9+x%20y")).isEqualTo("/files/café+x y");
        assertThat(PercentCodec.decodePath("/files/a%2Fb")).isEqualTo("/files/a/b");
        assertThat(PercentCodec.decodePath("/plain")).isEqualTo("/plain");
    }

    @Test
    void rejectsBrokenEscapesAndInvalidUtf8() {
        assertThatThrownBy(() -> PercentCodec.decodePath("/a%2")).isInstanceOf(CairnException.class);
        assertThatThrownBy(() -> PercentCodec.decodePath("/a%zz")).isInstanceOf(CairnException.class);
        assertThatThrownBy(() -> PercentCodec.decodePath("/a%C3")).isInstanceOf(CairnException.class);
    }

    @Test
    void encodeThenDecodeIsIdentity() {
        for (String key : new String[] {"a b+c", "dir/sub/file.txt", "日本語/ファイル", "100% sure?#&=", "emoji 🎉"}) {
            assertThat(PercentCodec.decodePath(PercentCodec.encodePath(key))).isEqualTo(key);
        }
    }
}
