package io.cairn.core;

/**
 * The one unchecked exception of Cairn's domain: a code (which fixes the HTTP status and whether a retry can help)
 * and a message meant for the person who sent the request. Adapters map it to their wire format in one place.
 */
public class CairnException extends RuntimeException {
    private final ErrorCode code;

    public CairnException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public CairnException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
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
