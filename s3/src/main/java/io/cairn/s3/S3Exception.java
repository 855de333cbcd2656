package io.cairn.s3;

/** A request refused with an S3 error; rendered once, as S3's XML error body, by the request handler. */
public final class S3Exception extends RuntimeException {
    private final S3Error error;

    public S3Exception(S3Error error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public S3Error error() {
        return error;
    }
}
