package io.cairn.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.api.FileInfo;
import io.cairn.core.Json;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "ls", exitCodeOnInvalidInput = CliErrors.LOCAL,
        description = {"List files (GET /files), following every page.",
                "Columns: size, latest version, number of versions, upload time of the latest version, name."})
public final class LsCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PREFIX", description = "Only names starting with PREFIX.")
    String prefix;

    @Option(names = "--after", paramLabel = "NAME", description = "Start after this name.")
    String after;

    @Option(names = "--page-size", paramLabel = "N", defaultValue = "1000",
            description = "Names per request (1-10000, default 1000).")
    int pageSize;

    @Option(names = "--json", description = "One JSON object per file and line, as the server sends it.")
    boolean json;

    @Override
    public Integer call() {
        return CliErrors.run(spec.commandLine().getErr(), this::list);
    }

    private int list() throws Exception {
        if (pageSize < 1 || pageSize > 10_000) {
            throw CliErrors.usage("--page-size must be between 1 and 10000");
        }
        PrintWriter out = spec.commandLine().getOut();
        long count = 0;
        try (RestClient rest = RestClient.open(client)) {
            String cursor = after;
            boolean first = true;
            Table table = emptyTable();
            while (true) {
                String path = Routes.FILES + new QueryString().add("bucket", rest.bucket()).add("prefix", prefix)
                        .add("after", cursor).add("limit", pageSize);
                JsonNode page = rest.getTree(path);
                JsonNode files = page.path("files");
                count += files.size();
                // Each page is printed as it arrives, so a listing of millions of names never sits in memory.
                if (!files.isEmpty()) {
                    out.print(json ? jsonLines(files) : addRows(table, files, rest.base().toString()).flush(first));
                    out.flush();
                    first = false;
                }
                String next = page.path("next").asText("");
                if (next.isEmpty() || files.isEmpty()) {
                    break;
                }
                if (next.equals(cursor)) {
                    throw CliErrors.badResponse("GET /files", new IllegalStateException(
                            "the server returned the same page cursor twice: " + next));
                }
                cursor = next;
            }
        }
        if (count == 0 && !json) {
            spec.commandLine().getErr().println(prefix == null ? "no files" : "no files under '" + prefix + "'");
        }
        return CliErrors.OK;
    }

    static String jsonLines(JsonNode files) {
        StringBuilder lines = new StringBuilder();
        for (JsonNode file : files) {
            lines.append(file.toString()).append('\n');
        }
        return lines.toString();
    }

    static Table emptyTable() {
        return new Table(List.of(Table.Column.right("SIZE"), Table.Column.right("VERSION"),
                Table.Column.right("VERSIONS"), Table.Column.left("UPLOADED"), Table.Column.left("NAME")));
    }

    /** Adds a page of the listing to the table; the name comes last so long names never push the columns apart. */
    static Table addRows(Table table, JsonNode files, String source) {
        for (JsonNode node : files) {
            FileInfo f;
            try {
                f = Json.MAPPER.treeToValue(node, FileInfo.class);
            } catch (Exception e) {
                throw CliErrors.badResponse("GET /files from " + source, e);
            }
            table.row(Formats.bytes(f.size()), f.version(), f.versions(), Formats.timestamp(f.uploaded_at()),
                    f.filename());
        }
        return table;
    }
}
