package io.cairn.core;

import java.time.Duration;
import java.util.Optional;

/**
 * The one unchecked exception of Cairn's domain: a code (which fixes the HTTP status and whether a retry can help)
 * and a message meant for the person who sent the request. Adapters map it to their wire format in one place.
 */
public class CairnException extends RuntimeException {
    private final ErrorCode code;
    private final Duration retryAfter;

    public CairnException(ErrorCode code, String message) {
        super(message);
        this.code = code;
        this.retryAfter = null;
    }

    public CairnException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryAfter = null;
    }

    /**
     * A refusal because the server is busy now, telling the client when to try again (HTTP's {@code Retry-After};
     * S3's SlowDown).
     */
    public CairnException(ErrorCode code, String message, Duration retryAfter) {
        super(message);
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public ErrorCode code() {
        return code;
    }

    /** How long the client should wait before it tries again, when the refusal is about load. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public static CairnException badRequest(String message) {
        return new CairnException(ErrorCode.BAD_REQUEST, message);
    }

    public static CairnException notFound(String message) {
        return new CairnException(ErrorCode.NOT_FOUND, message);
    }

    public static CairnException invalidArgument(String message) {
        return new CairnException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
