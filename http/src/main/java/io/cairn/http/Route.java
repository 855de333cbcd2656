package io.cairn.http;

/** Handles one kind of request. Runs on a virtual thread, so it may block. */
@FunctionalInterface
public interface Route {
    void handle(Exchange exchange) throws Exception;
}
