package io.cairn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChunkCutterTest {
    private static final int CHUNK = 256 * 1024;

    private static List<byte[]> cut(byte[] data, long bound, int maxRead) throws IOException {
        // Short reads, as a socket gives them.
        InputStream in = new FilterInputStream(new ByteArrayInputStream(data)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, maxRead));
            }
        };
        // Buffers go back to the pool at once, as a fast upload would give them back, so reuse is exercised.
        BufferPool pool = new BufferPool();
        ChunkCutter cutter = new ChunkCutter(in, CHUNK, bound, pool);
        List<byte[]> chunks = new ArrayList<>();
        for (ChunkCutter.Chunk chunk = cutter.next(); chunk != null; chunk = cutter.next()) {
            chunks.add(java.util.Arrays.copyOf(chunk.buffer(), chunk.length()));
            pool.give(chunk.buffer());
        }
        return chunks;
    }

    private static void assertCutsExactly(byte[] data, List<byte[]> chunks) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        chunks.forEach(joined::writeBytes);
        assertThat(java.util.Arrays.equals(joined.toByteArray(), data)).as("joined chunks equal the input").isTrue();
        assertThat(chunks.stream().map(c -> c.length).toList()).as("chunk sizes")
                .hasSize((data.length + CHUNK - 1) / CHUNK);
        for (int i = 0; i < chunks.size() - 1; i++) {
            assertThat(chunks.get(i).length).isEqualTo(CHUNK);
        }
        if (!chunks.isEmpty()) {
            assertThat(chunks.getLast().length).isBetween(1, CHUNK);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 77, 70_000})
    void chunkBoundariesWithKnownUnknownAndLooseBounds(int size) throws IOException {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        assertCutsExactly(data, cut(data, size, Integer.MAX_VALUE));
        assertCutsExactly(data, cut(data, -1, Integer.MAX_VALUE));
        assertCutsExactly(data, cut(data, size + 500, 1000));
        assertCutsExactly(data, cut(data, -1, 999));
        // A stream longer than declared is refused: its buffers were sized (and their memory reserved) from the bound.
        if (size > 0) {
            assertThatThrownBy(() -> cut(data, size / 2, 4096)).isInstanceOf(CairnException.class)
                    .hasMessageContaining("longer than the " + size / 2 + " bytes it declared");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, CHUNK - 1, CHUNK, 3 * CHUNK + 77})
    void buffersNeverExceedWhatTheUploaderReserves(int size) throws IOException {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        DataPathSettings settings = DataPathSettings.DEFAULT;
        for (long bound : new long[] {size, -1, size + 500L}) {
            // Buffers kept out of the pool, as chunks still being written hold them.
            BufferPool pool = new BufferPool();
            ChunkCutter cutter = new ChunkCutter(new ByteArrayInputStream(data), CHUNK, bound, pool);
            List<ChunkCutter.Chunk> held = new ArrayList<>();
            for (ChunkCutter.Chunk chunk = cutter.next(); chunk != null; chunk = cutter.next()) {
                held.add(chunk);
                if (held.size() == settings.uploadWindow()) {
                    long bytes = held.stream().mapToLong(c -> c.buffer().length).sum();
                    assertThat(bytes).isLessThanOrEqualTo(ObjectUploader.memory(settings, CHUNK, bound));
                    pool.give(held.removeFirst().buffer());
                }
            }
            long bytes = held.stream().mapToLong(c -> c.buffer().length).sum();
            assertThat(bytes).isLessThanOrEqualTo(ObjectUploader.memory(settings, CHUNK, bound));
        }
    }
}
