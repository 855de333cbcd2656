package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DataTest {

    @Test
    void stampedContentDiffersInEveryBlockAndKeepsTheRest() throws Exception {
        byte[] base = Data.random(3 * Data.STAMP_EVERY + 100, 1);

        byte[] first = Data.stamped(base, 7).readAllBytes();
        byte[] second = Data.stamped(base, 8).readAllBytes();

        assertThat(first).hasSize(base.length);
        for (int start = 0; start < base.length; start += Data.STAMP_EVERY) {
            int end = Math.min(start + Data.STAMP_EVERY, base.length);
            ByteBuffer stamp = ByteBuffer.wrap(first, start, 16);
            assertThat(stamp.getLong()).isEqualTo(7);
            assertThat(stamp.getLong()).isEqualTo(start / Data.STAMP_EVERY);
            assertThat(Arrays.copyOfRange(first, start + 16, end)).isEqualTo(Arrays.copyOfRange(base, start + 16, end));
            assertThat(Arrays.copyOfRange(first, start, start + 16))
                    .isNotEqualTo(Arrays.copyOfRange(second, start, start + 16));
        }
    }

    @Test
    void readsOfAnySizeGiveTheSameBytes() throws Exception {
        byte[] base = Data.random(2 * Data.STAMP_EVERY + 5, 2);
        byte[] whole = Data.stamped(base, 3).readAllBytes();

        InputStream in = Data.stamped(base, 3);
        ByteArrayOutputStream pieces = new ByteArrayOutputStream();
        byte[] buffer = new byte[7_777];
        for (int n = in.read(buffer, 0, 1); n >= 0; n = in.read(buffer, 0, buffer.length)) {
            pieces.write(buffer, 0, n);
        }
        assertThat(pieces.toByteArray()).isEqualTo(whole);
    }
}
