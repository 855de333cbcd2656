package io.cairn.http;

import io.cairn.api.ErrorBody;
import io.cairn.core.ErrorCode;
import io.cairn.core.Json;

/**
 * How an API words a refusal Jetty makes itself, before any route runs (a malformed request line or header, a path
 * that does not decode): the same dialect as the API's other errors, with a code and a message.
 */
public interface ErrorPage {
    /** The JSON APIs': {@code {"error": CODE, "message": ...}}. */
    ErrorPage JSON = new ErrorPage() {
        @Override
        public String contentType() {
            return "application/json";
        }

        @Override
        public byte[] body(int status, String message, String path) {
            ErrorCode error = status >= 500 ? ErrorCode.INTERNAL : status == 404 ? ErrorCode.NOT_FOUND
                    : status == 413 ? ErrorCode.PAYLOAD_TOO_LARGE : ErrorCode.BAD_REQUEST;
            return Json.toBytes(new ErrorBody(error.name(), message));
        }
    };

    String contentType();

    /**
     * @param message never blank: Jetty's reason, or a description of the status
     * @param path    the raw path as received, or null when the request line could not be read
     */
    byte[] body(int status, String message, String path);
}
