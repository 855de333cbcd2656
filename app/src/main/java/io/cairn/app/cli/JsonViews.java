package io.cairn.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.core.Json;
import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.util.function.BiFunction;
import java.util.function.Function;
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

    /**
     * As {@link #show} for any request, e.g. a POST or DELETE that answers with the resource's new state.
     * {@code request} may refuse to build (a {@link CliException}, an {@link IllegalArgumentException}): nothing is
     * sent then.
     */
    static <T> int send(CommandSpec spec, ClientOptions client, Function<RestClient, HttpRequest.Builder> request,
                        boolean raw, Class<T> type, BiFunction<T, RestClient, String> render) throws Exception {
        try (RestClient rest = RestClient.open(client)) {
            HttpRequest.Builder builder = request.apply(rest);
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
