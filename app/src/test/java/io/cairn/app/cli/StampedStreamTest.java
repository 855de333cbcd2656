package io.cairn.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StampedStreamTest {
    private static final int EVERY = StampedStream.STAMP_EVERY;
    private static final int STAMP = StampedStream.STAMP_BYTES;

    @Test
    void everyBlockCarriesTheStampOverTheObjectsRandomBytes() throws Exception {
        int size = 3 * EVERY + 100;
        byte[] base = new RandomStream(StampedStream.seed(7, 1), size).readAllBytes();

        byte[] object = new StampedStream(7, 1, size).readAllBytes();

        assertThat(object).hasSize(size);
        for (int start = 0, block = 0; start < size; start += EVERY, block++) {
            int end = Math.min(start + EVERY, size);
            ByteBuffer stamp = ByteBuffer.wrap(object, start, STAMP);
            assertThat(stamp.getLong()).isEqualTo(7);
            assertThat(stamp.getLong()).isEqualTo(1);
            assertThat(stamp.getLong()).isEqualTo(block);
            assertThat(Arrays.copyOfRange(object, start + STAMP, end))
                    .isEqualTo(Arrays.copyOfRange(base, start + STAMP, end));
        }
    }

    @Test
    void noTwoBlocksAlikeAcrossObjectsAndRuns() throws Exception {
        int size = 2 * EVERY;
        byte[][] objects = {new StampedStream(7, 1, size).readAllBytes(), new StampedStream(7, 2, size).readAllBytes(),
                new StampedStream(8, 1, size).readAllBytes()};

        for (int a = 0; a < objects.length; a++) {
            for (int b = 0; b < objects.length; b++) {
                for (int blockA = 0; blockA < 2; blockA++) {
                    for (int blockB = 0; blockB < 2; blockB++) {
                        if (a != b || blockA != blockB) {
                            assertThat(Arrays.copyOfRange(objects[a], blockA * EVERY, blockA * EVERY + STAMP))
                                    .isNotEqualTo(Arrays.copyOfRange(objects[b], blockB * EVERY, blockB * EVERY + STAMP));
                        }
                    }
                }
            }
        }
    }

    @Test
    void readsOfAnySizeGiveTheSameBytes() throws Exception {
        byte[] whole = new StampedStream(3, 4, 2 * EVERY + 5).readAllBytes();

        InputStream in = new StampedStream(3, 4, 2 * EVERY + 5);
        ByteArrayOutputStream pieces = new ByteArrayOutputStream();
        byte[] buffer = new byte[7_777];
        pieces.write(in.read());
        for (int n = in.read(buffer, 0, 1); n >= 0; n = in.read(buffer, 0, buffer.length)) {
            pieces.write(buffer, 0, n);
        }
        assertThat(pieces.toByteArray()).isEqualTo(whole);
    }

    @Test
    void anObjectSmallerThanABlockIsStampedAsWell() throws Exception {
        byte[] object = new StampedStream(9, 42, 4096).readAllBytes();

        assertThat(object).hasSize(4096);
        assertThat(ByteBuffer.wrap(object).getLong(8)).isEqualTo(42);
    }
}
