package io.cairn.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.core.Json;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "stat", exitCodeOnInvalidInput = CliErrors.LOCAL,
        description = "Show a file's metadata and where each of its chunks is stored, with each replica's health.")
public final class StatCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Name in the bucket.")
    String name;

    @Option(names = "--version", paramLabel = "N", description = "Version (default: the latest).")
    Long version;

    @Option(names = "--json", description = "{\"metadata\": ..., \"chunks\": ...} as the server sends them.")
    boolean json;

    @Override
    public Integer call() {
        return CliErrors.run(spec.commandLine().getErr(), this::stat);
    }

    private int stat() throws Exception {
        CliErrors.checkNameAndVersion(name, version);
        try (RestClient rest = RestClient.open(client)) {
            JsonNode metadata = rest.getTree(Routes.metadata(name)
                    + new QueryString().add("bucket", rest.bucket()).add("version", version));
            // Ask for the version the metadata named: a new upload in between must not mix two versions' views.
            long shown = metadata.path("version").asLong(0);
            JsonNode chunks = rest.getTree(Routes.chunks(name)
                    + new QueryString().add("bucket", rest.bucket()).add("version", shown > 0 ? shown : version));
            if (json) {
                ObjectNode both = Json.MAPPER.createObjectNode();
                both.set("metadata", metadata);
                both.set("chunks", chunks);
                spec.commandLine().getOut().println(Formats.prettyJson(both));
            } else {
                Wire.Metadata m;
                Wire.ChunkMap c;
                try {
                    m = Json.MAPPER.treeToValue(metadata, Wire.Metadata.class);
                    c = Json.MAPPER.treeToValue(chunks, Wire.ChunkMap.class);
                } catch (Exception e) {
                    throw CliErrors.badResponse("stat " + name, e);
                }
                spec.commandLine().getOut().print(render(m, c));
                spec.commandLine().getOut().flush(); // print() does not flush picocli's writer
            }
        }
        return CliErrors.OK;
    }

    static String render(Wire.Metadata m, Wire.ChunkMap c) {
        StringBuilder out = new StringBuilder();
        Table facts = new Table(List.of(Table.Column.left(""), Table.Column.left("")));
        facts.row("name:", m.filename());
        if (m.bucket() != null) {
            facts.row("bucket:", m.bucket());
        }
        facts.row("version:", m.version());
        facts.row("size:", Formats.bytes(m.size()) + " (" + m.size() + " bytes)");
        facts.row("content type:", m.content_type());
        facts.row("uploaded at:", m.uploaded_at());
        facts.row("chunk size:", Formats.bytes(m.chunk_size()));
        facts.row("chunks:", m.chunks());
        facts.row("replication:", m.replication_factor());
        Map<String, String> user = m.metadata() == null ? Map.of() : m.metadata();
        facts.row("metadata:", user.isEmpty() ? "-" : user.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
        out.append(facts.flush(false));
        List<Wire.Chunk> chunks = c.chunks() == null ? List.of() : c.chunks();
        if (!chunks.isEmpty()) {
            Table table = new Table(List.of(Table.Column.right("#"), Table.Column.left("CHUNK"),
                    Table.Column.right("OFFSET"), Table.Column.right("SIZE"), Table.Column.left("REPLICAS")));
            for (Wire.Chunk chunk : chunks) {
                table.row(chunk.index(), chunk.id(), chunk.offset(), Formats.bytes(chunk.size()), replicas(chunk));
            }
            out.append('\n').append(table.render());
        }
        return out.toString();
    }

    /** "node-1 (healthy), node-2 (UNHEALTHY)", and a warning when a chunk has fewer healthy copies than asked. */
    static String replicas(Wire.Chunk chunk) {
        List<Wire.ChunkReplica> replicas = chunk.replicas() == null ? List.of() : chunk.replicas();
        if (replicas.isEmpty()) {
            return "NONE";
        }
        return replicas.stream()
                .map(r -> String.format(Locale.ROOT, "%s (%s)", r.node_id(), r.healthy() ? "healthy" : "UNHEALTHY"))
                .collect(Collectors.joining(", "));
    }
}
