package io.cairn.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.core.Json;
import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.util.function.BiFunction;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Commands that send one request answered by a JSON resource, and print it either as the server sent it
 * ({@code --json}) or rendered.
 */
final class JsonViews {
    private JsonViews() {
    }

    static <T> int show(CommandSpec spec, ClientOptions client, String route, boolean raw, Class<T> type,
                        BiFunction<T, RestClient, String> render) throws Exception {
        return send(spec, client, rest -> rest.request(route).GET(), raw, type, render);
    }

    /** Builds the one request whose answer is shown. */
    @FunctionalInterface
    interface Request {
        /**
         * May refuse to build (a {@link CliException}, an {@link IllegalArgumentException}): nothing is sent then.
         * May also ask the server first, e.g. for the list a change is made to.
         */
        HttpRequest.Builder build(RestClient rest) throws InterruptedException;
    }

    /** As {@link #show} for any request, e.g. a POST or DELETE that answers with the resource's new state. */
    static <T> int send(CommandSpec spec, ClientOptions client, Request request, boolean raw, Class<T> type,
                        BiFunction<T, RestClient, String> render) throws Exception {
        try (RestClient rest = RestClient.open(client)) {
            HttpRequest.Builder builder = request.build(rest);
            JsonNode tree = rest.json(builder, JsonNode.class);
            PrintWriter out = spec.commandLine().getOut();
            if (raw) {
                out.println(Formats.prettyJson(tree));
            } else {
                T value;
                try {
                    value = Json.MAPPER.treeToValue(tree, type);
                } catch (Exception e) {
                    HttpRequest sent = builder.build();
                    throw CliErrors.badResponse(sent.method() + " " + sent.uri().getRawPath(), e);
                }
                out.print(render.apply(value, rest));
                out.flush(); // print() does not flush picocli's writer
            }
        }
        return CliErrors.OK;
    }
}
