package io.cairn.meta;

import static io.cairn.meta.TestData.chunk;
import static io.cairn.meta.TestData.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.model.AccessKeyRecord;
import io.cairn.core.model.BucketRecord;
import io.cairn.core.model.Checksum;
import io.cairn.core.model.ChunkRecord;
import io.cairn.core.model.ChunkRef;
import io.cairn.core.model.ClusterStats;
import io.cairn.core.model.Copy;
import io.cairn.core.model.JoinTokenRecord;
import io.cairn.core.model.NodeRecord;
import io.cairn.core.model.NodeState;
import io.cairn.core.model.ObjectHead;
import io.cairn.core.model.ObjectOwnership;
import io.cairn.core.model.ObjectVersion;
import io.cairn.core.model.PartRef;
import io.cairn.core.model.PolicyRecord;
import io.cairn.core.model.PublicAccessBlock;
import io.cairn.core.model.Quota;
import io.cairn.core.model.Usage;
import io.cairn.core.model.UserRecord;
import io.cairn.core.model.Versioning;
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

/** Values stored by every format must decode forever; today's encoder must write exactly the current fixtures. */
class RecordCodecTest {
    static final ObjectVersion V2_VERSION = new ObjectVersion("default", "dir/a.txt", 3, 22, 16, 2, 1764000000002L,
            "image/png", Map.of("zeta", "last", "alpha", "first"),
            List.of(new ChunkRef(chunk("a2"), 16), new ChunkRef(chunk("a2b"), 6)), "9e107d9d372bb6826bd81d3542a419d6",
            false, true, new Checksum("CRC32", "DUoRhQ==", 0), Map.of("cache-control", "no-cache"),
            List.of(new PartRef(1, 16, 1), new PartRef(2, 6, 1)), null);

    /** Identity records, added within v3 (new keys, no existing shape changed); shared with {@link CommandCodecTest}. */
    static final String POLICY_DOCUMENT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"s3:GetObject\"],\"Resource\":[\"arn:aws:s3:::logs/*\"]}]}";
    static final String BUCKET_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":[\"*\"]},\"Action\":[\"s3:GetObject\"],"
            + "\"Resource\":[\"arn:aws:s3:::photos/*\"]}]}";
    /** Added within v3 as the identity records were: the CORS configuration a gateway wrote for a bucket. */
    static final String BUCKET_CORS = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><CORSConfiguration "
            + "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><CORSRule><AllowedMethod>GET</AllowedMethod>"
            + "<AllowedOrigin>https://*.example.com</AllowedOrigin></CORSRule></CORSConfiguration>";
    static final String SEALED_SECRET = "aes-gcm:v1:q83vEjRWeJA=:c2VhbGVkIHNlY3JldCBieXRlcw==";
    static final UserRecord USER = new UserRecord("alice", 1764000000000L, false, List.of("readwrite", "team-logs"));
    static final AccessKeyRecord ACCESS_KEY = new AccessKeyRecord("CAIRNEXAMPLEKEY00001", "alice", "backup job",
            SEALED_SECRET, 1764000000001L, true);
    static final PolicyRecord POLICY = new PolicyRecord("team-logs", POLICY_DOCUMENT, 1764000000000L);

    /** Format v1: written before S3; the components added since read as their defaults. */
    static Stream<Arguments> v1() {
        return Stream.of(
                Arguments.of("bucket.json", new BucketRecord("photos", 1764000000000L, Versioning.ENABLED)),
                Arguments.of("head.json",
                        new ObjectHead("default", "dir/a.txt", 3, 2, 4, 22, 1764000000002L, 2, "image/png", null, false, 0)),
                Arguments.of("version.json", new ObjectVersion("default", "dir/a.txt", 3, 22, 16, 2, 1764000000002L,
                        "image/png", Map.of("zeta", "last", "alpha", "first", "mid", "dle"),
                        List.of(new ChunkRef(chunk("a2"), 16), new ChunkRef(chunk("a2b"), 6)), null, false, false, null,
                        null, null, null)),
                Arguments.of("chunk.json", TestData.record("a2", 16, List.of("n1", "n2"), 2, 3)),
                Arguments.of("node.json", NodeRecord.fresh(node("n1"), "http://h1:9001", 1764000000000L, null, null)),
                Arguments.of("stats.json", new ClusterStats(1, 2, 3, 4, 5, 6, 0, 0, 0)),
                Arguments.of("cluster-id.json", "c-1"),
                Arguments.of("applied-index.json", new AppliedIndex(0, 42)),
                Arguments.of("applied-index-term.json", new AppliedIndex(3, 42)),
                Arguments.of("request.json", new RequestRecord("4f1c2b9e-8d7a-4c3b-9e2f-1a2b3c4d5e6f", "default",
                        "dir/a.txt", 3, 1764000000002L)));
    }

    /** Format v2: S3's components. */
    static Stream<Arguments> v2() {
        return Stream.of(
                Arguments.of("bucket.json", new BucketRecord("photos", 1764000000000L, Versioning.SUSPENDED)),
                Arguments.of("head.json", new ObjectHead("default", "dir/a.txt", 3, 2, 4, 22, 1764000000002L, 2,
                        "image/png", "9e107d9d372bb6826bd81d3542a419d6", false, 3)),
                Arguments.of("head-delete-marker.json",
                        new ObjectHead("default", "dir/a.txt", 5, 3, 6, 0, 1764000000009L, 0, null, null, true, 0)),
                Arguments.of("version.json", V2_VERSION),
                Arguments.of("version-delete-marker.json",
                        ObjectVersion.deleteMarker("default", "dir/a.txt", 5, 1764000000009L, false)),
                Arguments.of("chunk.json", TestData.record("a2", 16, List.of("n1", "n2"), 2, 3)),
                Arguments.of("node.json", NodeRecord.fresh(node("n1"), "http://h1:9001", 1764000000000L, null, null)),
                Arguments.of("stats.json", new ClusterStats(1, 2, 3, 4, 5, 6, 0, 0, 0)),
                Arguments.of("cluster-id.json", "c-1"),
                Arguments.of("applied-index.json", new AppliedIndex(3, 42)),
                Arguments.of("request.json", new RequestRecord("4f1c2b9e-8d7a-4c3b-9e2f-1a2b3c4d5e6f", "default",
                        "dir/a.txt", 3, 1764000000002L)));
    }

    /**
     * Format v3, today's: copies with store incarnations and generations, node states, collection stats; users,
     * access keys and policies; join tokens.
     */
    static Stream<Arguments> v3() {
        return Stream.of(
                Arguments.of("bucket.json", new BucketRecord("photos", 1764000000000L, Versioning.SUSPENDED)),
                Arguments.of("head.json", new ObjectHead("default", "dir/a.txt", 3, 2, 4, 22, 1764000000002L, 2,
                        "image/png", "9e107d9d372bb6826bd81d3542a419d6", false, 3)),
                Arguments.of("version.json", V2_VERSION),
                Arguments.of("chunk.json", new ChunkRecord(chunk("a2"), 16, List.of(new Copy(node("n1"), 0, 0),
                        new Copy(node("n2"), 2, 1764000000000000123L)), 2, 3, 1764000000005L,
                        List.of(new Copy(node("n3"), 1, 77)))),
                Arguments.of("node.json", new NodeRecord(node("n1"), "http://h1:9001", 1764000000000L, "z1", "s-1", 2,
                        NodeState.DRAINING)),
                Arguments.of("stats.json", new ClusterStats(1, 2, 3, 4, 5, 6, 7, 8, 9)),
                Arguments.of("index-long.json", 42L),
                Arguments.of("cluster-id.json", "c-1"),
                Arguments.of("applied-index.json", new AppliedIndex(3, 42)),
                Arguments.of("request.json", new RequestRecord("4f1c2b9e-8d7a-4c3b-9e2f-1a2b3c4d5e6f", "default",
                        "dir/a.txt", 3, 1764000000002L)),
                Arguments.of("user.json", USER),
                Arguments.of("access-key.json", ACCESS_KEY),
                Arguments.of("policy.json", POLICY),
                Arguments.of("bucket-policy.json", BUCKET_POLICY),
                Arguments.of("bucket-cors.json", BUCKET_CORS),
                Arguments.of("usage.json", new Usage(10L << 20, 3)),
                Arguments.of("quota.json", new Quota(1L << 30, 1000)),
                Arguments.of("join-token.json", new JoinTokenRecord("0123456789abcdef", SEALED_SECRET,
                        1764000000000L, 1764003600000L, 2)),
                Arguments.of("bucket-ownership.json", new BucketRecord("photos", 1764000000000L, Versioning.SUSPENDED)
                        .withOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)),
                Arguments.of("bucket-public-access-block.json", new BucketRecord("photos", 1764000000000L,
                        Versioning.ENABLED).withPublicAccessBlock(new PublicAccessBlock(true, false, true, false))),
                Arguments.of("version-part-checksums.json", new ObjectVersion("default", "dir/a.txt", 3, 22, 16, 2,
                        1764000000002L, "image/png", Map.of("zeta", "last", "alpha", "first"),
                        List.of(new ChunkRef(chunk("a2"), 16), new ChunkRef(chunk("a2b"), 6)),
                        "9e107d9d372bb6826bd81d3542a419d6-2", false, true, new Checksum("CRC32", "1GyjAg==", 0),
                        Map.of(), List.of(new PartRef(1, 16, 1, new Checksum("CRC32", "zbNUrw==", 0)),
                        new PartRef(2, 6, 1, new Checksum("CRC32", "NhBJ3g==", 0))), null)),
                Arguments.of("version-tagged.json", V2_VERSION.withTags(Map.of("shade", "dark", "colour", "red"))),
                Arguments.of("bucket-tagged.json", new BucketRecord("photos", 1764000000000L, Versioning.SUSPENDED)
                        .withTags(Map.of("team", "data"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("v1")
    void decodesTheStoredV1Value(String fixture, Object expected) {
        assertThat(RecordCodec.decode(golden("v1", fixture), expected.getClass())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("v2")
    void decodesTheStoredV2Value(String fixture, Object expected) {
        assertThat(RecordCodec.decode(golden("v2", fixture), expected.getClass())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("v3")
    void decodesTheStoredV3Value(String fixture, Object expected) {
        assertThat(RecordCodec.decode(golden("v3", fixture), expected.getClass())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("v3")
    void encodesExactlyTheStoredBytes(String fixture, Object record) {
        // Includes a map built with Map.of, whose iteration order varies between JVM runs: the encoding must not.
        assertThat(new String(RecordCodec.encode(record), StandardCharsets.UTF_8))
                .isEqualTo(new String(golden("v3", fixture), StandardCharsets.UTF_8).strip());
    }

    /** Before terms were recorded the applied index was a bare number; such a store reads as term 0. */
    @Test
    void anAppliedIndexWrittenBeforeTermsReadsAsTermZero() {
        assertThat(RecordCodec.decode(golden("v1", "applied-index.json"), AppliedIndex.class))
                .isEqualTo(new AppliedIndex(0, 42));
    }

    @Test
    void aNewerFormatIsRefusedNotMisread() {
        byte[] future = "{\"v\":4,\"r\":{\"name\":\"photos\",\"createdAt\":1}}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RecordCodec.decode(future, BucketRecord.class))
                .isInstanceOf(MetaStoreException.class).hasMessageContaining("format 4");
    }

    @Test
    void corruptValuesFailLoudly() {
        for (String bad : List.of("", "{", "{\"name\":\"photos\"}", "{\"v\":1,\"r\":{\"id\":\"nothex\",\"size\":1,"
                + "\"replicas\":[],\"refCount\":0,\"replication\":1}}")) {
            assertThatThrownBy(() -> RecordCodec.decode(bad.getBytes(StandardCharsets.UTF_8), ChunkRecord.class))
                    .as(bad).isInstanceOf(MetaStoreException.class);
        }
    }

    static byte[] golden(String format, String name) {
        try (InputStream in = RecordCodecTest.class.getResourceAsStream("/golden/" + format + "/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
