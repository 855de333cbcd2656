package io.cairn.s3.auth;

import io.cairn.s3.S3Error;
import io.cairn.s3.S3Exception;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * Computes a body's checksum and, at its end, compares it with the one the client sent: from a header, known before
 * the body, or from an aws-chunked trailer, known only once the body is through; hence a supplier.
 */
final class ChecksumInputStream extends EndCheckedInputStream {
    private final RunningChecksum running;
    private final Supplier<String> expected;
    private ChecksumValue verified;

    ChecksumInputStream(InputStream in, ChecksumAlgorithm algorithm, Supplier<String> expected) {
        super(in);
        this.running = algorithm.start();
        this.expected = expected;
    }

    @Override
    void update(byte[] bytes, int offset, int length) {
        running.update(bytes, offset, length);
    }

    @Override
    void checkAtEnd() {
        ChecksumValue computed = running.finish();
        if (!computed.base64().equals(expected.get())) {
            throw new S3Exception(S3Error.BadDigest, "The " + computed.algorithm().headerName()
                    + " you specified did not match the calculated checksum.");
        }
        verified = computed;
    }

    ChecksumValue verified() {
        if (!atEnd()) {
            throw new IllegalStateException("the checksum is verified only once the body has been read to its end");
        }
        return verified;
    }
}
