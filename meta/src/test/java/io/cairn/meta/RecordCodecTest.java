package io.cairn.meta;

import static io.cairn.meta.TestData.chunk;
import static io.cairn.meta.TestData.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.model.BucketRecord;
import io.cairn.core.model.ChunkRecord;
import io.cairn.core.model.ChunkRef;
import io.cairn.core.model.ClusterStats;
import io.cairn.core.model.NodeRecord;
import io.cairn.core.model.ObjectHead;
import io.cairn.core.model.ObjectVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Values stored by format v1 must decode forever; today's encoder must still write exactly them. */
class RecordCodecTest {
    static Stream<Arguments> v1() {
        return Stream.of(
                Arguments.of("bucket.json", new BucketRecord("photos", 1764000000000L)),
                Arguments.of("head.json",
                        new ObjectHead("default", "dir/a.txt", 3, 2, 4, 22, 1764000000002L, 2, "image/png")),
                Arguments.of("version.json", new ObjectVersion("default", "dir/a.txt", 3, 22, 16, 2, 1764000000002L,
                        "image/png", Map.of("zeta", "last", "alpha", "first", "mid", "dle"),
                        List.of(new ChunkRef(chunk("a2"), 16), new ChunkRef(chunk("a2b"), 6)))),
                Arguments.of("chunk.json", new ChunkRecord(chunk("a2"), 16, List.of(node("n1"), node("n2")), 2, 3)),
                Arguments.of("node.json", new NodeRecord(node("n1"), "http://h1:9001", 1764000000000L, null)),
                Arguments.of("stats.json", new ClusterStats(1, 2, 3, 4, 5, 6)),
                Arguments.of("cluster-id.json", "c-1"),
                Arguments.of("applied-index.json", 42L),
                Arguments.of("applied-index-term.json", new AppliedIndex(3, 42)),
                Arguments.of("request.json", new RequestRecord("4f1c2b9e-8d7a-4c3b-9e2f-1a2b3c4d5e6f", "default",
                        "dir/a.txt", 3, 1764000000002L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("v1")
    void decodesTheStoredV1Value(String fixture, Object expected) {
        assertThat(RecordCodec.decode(golden(fixture), expected.getClass())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("v1")
    void encodesExactlyTheStoredBytes(String fixture, Object record) {
        // Includes a map built with Map.of, whose iteration order varies between JVM runs: the encoding must not.
        assertThat(new String(RecordCodec.encode(record), StandardCharsets.UTF_8))
                .isEqualTo(new String(golden(fixture), StandardCharsets.UTF_8).strip());
    }

    /** Before terms were recorded the applied index was a bare number; such a store reads as term 0. */
    @Test
    void anAppliedIndexWrittenBeforeTermsReadsAsTermZero() {
        assertThat(RecordCodec.decode(golden("applied-index.json"), AppliedIndex.class))
                .isEqualTo(new AppliedIndex(0, 42));
    }

    @Test
    void aNewerFormatIsRefusedNotMisread() {
        byte[] future = "{\"v\":2,\"r\":{\"name\":\"photos\",\"createdAt\":1}}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RecordCodec.decode(future, BucketRecord.class))
                .isInstanceOf(MetaStoreException.class).hasMessageContaining("format 2");
    }

    @Test
    void corruptValuesFailLoudly() {
        for (String bad : List.of("", "{", "{\"name\":\"photos\"}", "{\"v\":1,\"r\":{\"id\":\"nothex\",\"size\":1,"
                + "\"replicas\":[],\"refCount\":0,\"replication\":1}}")) {
            assertThatThrownBy(() -> RecordCodec.decode(bad.getBytes(StandardCharsets.UTF_8), ChunkRecord.class))
                    .as(bad).isInstanceOf(MetaStoreException.class);
        }
    }

    static byte[] golden(String name) {
        try (InputStream in = RecordCodecTest.class.getResourceAsStream("/golden/v1/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
