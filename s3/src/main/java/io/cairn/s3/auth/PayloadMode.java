package io.cairn.s3.auth;

import io.cairn.s3.S3Error;
import io.cairn.s3.S3Exception;
import java.util.Arrays;
import java.util.regex.Pattern;

/** How a request's body is protected, as its {@code x-amz-content-sha256} says. */
public enum PayloadMode {
    /** The header is the hex SHA-256 of the body, checked once the body has been read. */
    SHA256(null),
    UNSIGNED("UNSIGNED-PAYLOAD"),
    /** aws-chunked, every chunk signed in a chain seeded by the request's signature. */
    STREAMING_SIGNED("STREAMING-AWS4-HMAC-SHA256-PAYLOAD"),
    /** As {@link #STREAMING_SIGNED}, then a signed trailer carrying a checksum. */
    STREAMING_SIGNED_TRAILER("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"),
    /** aws-chunked without signatures, then a trailer carrying a checksum. */
    STREAMING_UNSIGNED_TRAILER("STREAMING-UNSIGNED-PAYLOAD-TRAILER");

    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private final String headerValue;

    PayloadMode(String headerValue) {
        this.headerValue = headerValue;
    }

    static PayloadMode of(String contentSha256) {
        if (HEX_SHA256.matcher(contentSha256).matches()) {
            return SHA256;
        }
        return Arrays.stream(values()).filter(mode -> contentSha256.equals(mode.headerValue)).findFirst()
                .orElseThrow(() -> new S3Exception(S3Error.InvalidArgument, "x-amz-content-sha256 must be "
                        + "UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, "
                        + "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER or a valid sha256 value."));
    }

    /** The body is aws-chunked encoded and must be decoded before it is the object's bytes. */
    public boolean isChunked() {
        return this != SHA256 && this != UNSIGNED;
    }

    boolean signsChunks() {
        return this == STREAMING_SIGNED || this == STREAMING_SIGNED_TRAILER;
    }

    boolean hasTrailer() {
        return this == STREAMING_SIGNED_TRAILER || this == STREAMING_UNSIGNED_TRAILER;
    }
}
