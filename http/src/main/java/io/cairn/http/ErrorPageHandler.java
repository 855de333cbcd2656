package io.cairn.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before any route runs (a malformed request line, an ambiguous path such as
 * {@code /files/../x}, a bad Content-Length, headers too large), in the dialect of the port's API ({@link ErrorPage})
 * instead of an HTML page, and with a body whatever the method (Jetty writes one only for GET, POST and HEAD).
 */
final class ErrorPageHandler extends ErrorHandler {
    private final ErrorPage page;

    ErrorPageHandler(ErrorPage page) {
        this.page = page;
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        String text = message == null || message.isBlank() ? "the request was refused (HTTP " + code + ")" : message;
        String path = request == null || request.getHttpURI() == null ? null : request.getHttpURI().getPath();
        byte[] body = page.body(code, text, path);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, page.contentType());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
