package io.cairn.s3.auth;

import java.io.FilterInputStream;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A request body as the object's bytes: decoded if it was aws-chunked, and checked against everything the client
 * signed or declared for it. A failed check throws an {@link io.cairn.s3.S3Exception} from {@code read}: at the
 * latest when {@code read} returns -1, so a reader must read to -1, not just up to the length it expects.
 */
public final class VerifiedBody extends FilterInputStream {
    private final Optional<ChecksumInputStream> checksum;

    private VerifiedBody(InputStream in, Optional<ChecksumInputStream> checksum) {
        super(in);
        this.checksum = checksum;
    }

    static VerifiedBody unchecked(InputStream decoded) {
        return new VerifiedBody(decoded, Optional.empty());
    }

    static VerifiedBody checking(InputStream decoded, ChecksumAlgorithm algorithm, Supplier<String> expected) {
        ChecksumInputStream checked = new ChecksumInputStream(decoded, algorithm, expected);
        return new VerifiedBody(checked, Optional.of(checked));
    }

    /**
     * The x-amz-checksum-* the client sent, as a header or as a trailer, now verified against the body; empty if it
     * sent none.
     *
     * @throws IllegalStateException if it sent one and the body has not been read to its end yet
     */
    public Optional<ChecksumValue> checksum() {
        return checksum.map(ChecksumInputStream::verified);
    }
}
