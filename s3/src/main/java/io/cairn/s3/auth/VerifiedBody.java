package io.cairn.s3.auth;

import io.cairn.client.TransferMemory;
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
    /** {@link #memory()} of an aws-chunked body. */
    public static final long CHUNKED_MEMORY = TransferMemory.heapCost(AwsChunkedInputStream.CHUNK_ALLOWANCE)
            + TransferMemory.heapCost(AwsChunkedInputStream.READ_BUFFER);

    private final Optional<ChecksumInputStream> checksum;
    private final Optional<AwsChunkedInputStream> chunked;

    private VerifiedBody(InputStream in, Optional<ChecksumInputStream> checksum,
                         Optional<AwsChunkedInputStream> chunked) {
        super(in);
        this.checksum = checksum;
        this.chunked = chunked;
    }

    static VerifiedBody unchecked(InputStream decoded) {
        return new VerifiedBody(decoded, Optional.empty(), chunked(decoded));
    }

    static VerifiedBody checking(InputStream decoded, ChecksumAlgorithm algorithm, Supplier<String> expected) {
        ChecksumInputStream checked = new ChecksumInputStream(decoded, algorithm, expected);
        return new VerifiedBody(checked, Optional.of(checked), chunked(decoded));
    }

    private static Optional<AwsChunkedInputStream> chunked(InputStream decoded) {
        return decoded instanceof AwsChunkedInputStream aws ? Optional.of(aws) : Optional.empty();
    }

    /**
     * The memory reading this body holds beyond its reader's own buffers, for a client that sends aws-chunks of the
     * usual sizes: one decoded chunk and the framing's read buffer; nothing for a plain body. Its reader reserves
     * this with its own ({@link #limitMemory}).
     */
    public long memory() {
        return chunked.isPresent() ? CHUNKED_MEMORY : 0;
    }

    /**
     * Keeps decoding within {@link #memory()}: an aws-chunk larger than that asks {@code grant} for the difference
     * first. A body left unlimited holds chunks up to the decoder's 16 MiB limit.
     */
    public void limitMemory(MemoryGrant grant) {
        chunked.ifPresent(aws -> aws.limitMemory(AwsChunkedInputStream.CHUNK_ALLOWANCE, grant));
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
