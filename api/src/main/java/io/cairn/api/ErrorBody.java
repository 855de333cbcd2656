package io.cairn.api;

/** Every error response's JSON body: {@code {"error": CODE, "message": "..."}}. */
public record ErrorBody(String error, String message) {
}
