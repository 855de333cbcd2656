package io.cairn.s3.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ChecksumAlgorithmTest {
    private static final byte[] HELLO_WORLD = "hello world".getBytes(StandardCharsets.US_ASCII);

    @Test
    void crc64NvmeCheckValue() {
        Crc64Nvme crc = new Crc64Nvme();
        crc.update("123456789".getBytes(StandardCharsets.US_ASCII), 0, 9);

        assertThat(crc.getValue()).isEqualTo(0xAE8B14860A799888L);
    }

    @Test
    void crc64NvmeAsS3ReportsIt() {
        // S3's own x-amz-checksum-crc64nvme for an object "hello" (the SDK computes CRC64NVME only through the CRT).
        assertThat(checksum(ChecksumAlgorithm.CRC64NVME, "hello".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("M3eFcAZSQlc=");
    }

    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = "CRC64NVME", mode = EnumSource.Mode.EXCLUDE)
    void sameAsTheSdk(ChecksumAlgorithm algorithm) {
        assertThat(checksum(algorithm, HELLO_WORLD))
                .isEqualTo(SdkSigning.sdkChecksum(algorithm, HELLO_WORLD));
    }

    @Test
    void knownValues() {
        assertThat(checksum(ChecksumAlgorithm.CRC32, HELLO_WORLD)).isEqualTo("DUoRhQ==");
        assertThat(checksum(ChecksumAlgorithm.CRC32C, HELLO_WORLD)).isEqualTo("yZRlqg==");
        assertThat(checksum(ChecksumAlgorithm.SHA256, new byte[0]))
                .isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    }

    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void piecewiseUpdatesAreOneUpdate(ChecksumAlgorithm algorithm) {
        byte[] data = SdkSigning.randomBytes(10_000);
        RunningChecksum pieces = algorithm.start();
        for (int offset = 0; offset < data.length; offset += 777) {
            pieces.update(data, offset, Math.min(777, data.length - offset));
        }

        assertThat(pieces.finish()).isEqualTo(new ChecksumValue(algorithm, checksum(algorithm, data)));
    }

    @Test
    void headerNames() {
        assertThat(ChecksumAlgorithm.CRC64NVME.headerName()).isEqualTo("x-amz-checksum-crc64nvme");
        assertThat(ChecksumAlgorithm.forHeaderName("X-Amz-Checksum-SHA1")).contains(ChecksumAlgorithm.SHA1);
        assertThat(ChecksumAlgorithm.forHeaderName("x-amz-checksum-md5")).isEmpty();
        assertThat(ChecksumAlgorithm.forHeaderName("x-amz-checksum-algorithm")).isEmpty();
    }

    @Test
    void compositeIsTheChecksumOfThePartDigests() {
        byte[] first = "part one".getBytes(StandardCharsets.US_ASCII);
        byte[] second = "part two".getBytes(StandardCharsets.US_ASCII);
        ChecksumValue one = value(ChecksumAlgorithm.CRC32C, first);
        ChecksumValue two = value(ChecksumAlgorithm.CRC32C, second);
        byte[] digests = new byte[8];
        System.arraycopy(Base64.getDecoder().decode(one.base64()), 0, digests, 0, 4);
        System.arraycopy(Base64.getDecoder().decode(two.base64()), 0, digests, 4, 4);

        assertThat(ChecksumAlgorithm.CRC32C.composite(List.of(one, two))).isEqualTo(
                new ChecksumValue(ChecksumAlgorithm.CRC32C, checksum(ChecksumAlgorithm.CRC32C, digests) + "-2"));
        assertThatThrownBy(() -> ChecksumAlgorithm.SHA256.composite(List.of(one)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32C", "CRC64NVME"})
    void fullObjectIsTheCrcOfTheConcatenatedParts(ChecksumAlgorithm algorithm) {
        byte[] data = SdkSigning.randomBytes(100_000);
        int[] cuts = {0, 1, 4097, 4097, 65_536, data.length};
        List<ChecksumValue> parts = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        for (int i = 1; i < cuts.length; i++) {
            parts.add(value(algorithm, Arrays.copyOfRange(data, cuts[i - 1], cuts[i])));
            sizes.add((long) cuts[i] - cuts[i - 1]);
        }

        assertThat(algorithm.combines()).isTrue();
        assertThat(algorithm.fullObject(parts, sizes)).isEqualTo(value(algorithm, data));
        assertThat(algorithm.fullObject(parts.subList(0, 1), sizes.subList(0, 1))).isEqualTo(parts.getFirst());
    }

    /** ceph/s3-tests' expected values: parts of 5 MiB of 'A', then 'B', then 'C'. */
    @Test
    void fullObjectOfThreeLargeParts() {
        long size = 5L << 20;
        assertThat(fullObjectOfAbc(ChecksumAlgorithm.CRC32, "JRTCyQ==", "QoZTGg==", "YAgjqw==", size))
                .isEqualTo("WgDhBQ==");
        assertThat(fullObjectOfAbc(ChecksumAlgorithm.CRC32C, "MDaLrw==", "TH4EZg==", "Z7mBIQ==", size))
                .isEqualTo("xU+Krw==");
        assertThat(fullObjectOfAbc(ChecksumAlgorithm.CRC64NVME, "L/E4WYn8v98=", "xW1l19VobYM=", "cK5MnNaWrW4=", size))
                .isEqualTo("i+6LR0y3eFo=");
        byte[] a = new byte[(int) size];
        Arrays.fill(a, (byte) 'A');
        assertThat(checksum(ChecksumAlgorithm.CRC64NVME, a)).isEqualTo("L/E4WYn8v98=");
    }

    @Test
    void digestsDoNotCombine() {
        assertThat(ChecksumAlgorithm.SHA256.combines()).isFalse();
        assertThatThrownBy(() -> ChecksumAlgorithm.SHA1.fullObject(List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String fullObjectOfAbc(ChecksumAlgorithm algorithm, String a, String b, String c, long size) {
        return algorithm.fullObject(List.of(new ChecksumValue(algorithm, a), new ChecksumValue(algorithm, b),
                new ChecksumValue(algorithm, c)), List.of(size, size, size)).base64();
    }

    private static String checksum(ChecksumAlgorithm algorithm, byte[] data) {
        return value(algorithm, data).base64();
    }

    private static ChecksumValue value(ChecksumAlgorithm algorithm, byte[] data) {
        RunningChecksum running = algorithm.start();
        running.update(data, 0, data.length);
        return running.finish();
    }
}
