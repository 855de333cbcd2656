package io.cairn.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.core.Json;
import java.io.PrintWriter;
import java.util.function.BiFunction;
import picocli.CommandLine.Model.CommandSpec;

/** Commands that GET one JSON resource and print it either as the server sent it ({@code --json}) or rendered. */
final class JsonViews {
    private JsonViews() {
    }

    static <T> int show(CommandSpec spec, ClientOptions client, String route, boolean raw, Class<T> type,
                        BiFunction<T, RestClient, String> render) throws Exception {
        try (RestClient rest = RestClient.open(client)) {
            JsonNode tree = rest.getTree(route);
            PrintWriter out = spec.commandLine().getOut();
            if (raw) {
                out.println(Formats.prettyJson(tree));
            } else {
                T value;
                try {
                    value = Json.MAPPER.treeToValue(tree, type);
                } catch (Exception e) {
                    throw CliErrors.badResponse("GET " + route, e);
                }
                out.print(render.apply(value, rest));
                out.flush(); // print() does not flush picocli's writer
            }
        }
        return CliErrors.OK;
    }
}
