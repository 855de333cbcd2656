package io.cairn.http;

import io.cairn.api.ErrorBody;
import io.cairn.core.ErrorCode;
import io.cairn.core.Json;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before any route runs (a malformed request line, an ambiguous path such as
 * {@code /files/../x}, headers too large), in the same JSON shape as every other Cairn error instead of an HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        ErrorCode error = code >= 500 ? ErrorCode.INTERNAL : code == 404 ? ErrorCode.NOT_FOUND
                : code == 413 ? ErrorCode.PAYLOAD_TOO_LARGE : ErrorCode.BAD_REQUEST;
        String text = message == null || message.isBlank() ? "the request was refused (HTTP " + code + ")" : message;
        byte[] body = Json.toBytes(new ErrorBody(error.name(), text));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
