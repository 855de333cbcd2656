package io.cairn.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.api.NodeView;
import io.cairn.core.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void columnsArePaddedNumbersRightAlignedAndNoTrailingBlanks() {
        Table table = new Table(List.of(Table.Column.left("NAME"), Table.Column.right("SIZE"),
                Table.Column.left("NOTE")));
        table.row("a", 1, "x").row("longer-name", 12345, "");
        assertThat(table.render()).isEqualTo("""
                NAME          SIZE  NOTE
                a                1  x
                longer-name  12345
                """);
        table.row("b", 2, "y");
        assertThat(table.flush(false)).as("widths carry over to the next page").isEqualTo("""
                b                2  y
                """);
    }

    @Test
    void nullCellsShowADash() {
        assertThat(new Table(List.of(Table.Column.left("A"))).row((Object) null).render()).isEqualTo("A\n-\n");
    }

    @Test
    void lsTableShowsHumanSizesAndPutsTheNameLast() throws Exception {
        JsonNode files = Json.MAPPER.readTree("""
                [{"filename":"a b.txt","size":1536,"version":3,"versions":2,"uploaded_at":"2026-11-22T10:30:00.123Z",
                  "chunks":1,"content_type":"text/plain"},
                 {"filename":"big.iso","size":5368709120,"version":1,"versions":1,"uploaded_at":"2026-11-23T01:02:03Z",
                  "chunks":1280}]""");
        assertThat(LsCommand.addRows(LsCommand.emptyTable(), files, "test").render().lines()).containsExactly(
                "   SIZE  VERSION  VERSIONS  UPLOADED              NAME",
                "1.5 KiB        3         2  2026-11-22T10:30:00Z  a b.txt",
                "5.0 GiB        1         1  2026-11-23T01:02:03Z  big.iso");
    }

    @Test
    void nodesTableShowsUseAndHeartbeatAge() {
        NodeView n = new NodeView("node-1", "http://127.0.0.1:9001", "healthy", 100L << 30, 25L << 30, 75L << 30, 42,
                0, "2026-11-22T10:00:00Z", "2026-11-22T10:30:00Z", 1500, "active", null);
        NodeView down = new NodeView("node-2", "http://127.0.0.1:9002", "unhealthy", 0, 0, 0, 0, 0,
                "2026-11-22T10:00:00Z", null, -1, "draining", null);
        assertThat(NodesCommand.table(List.of(n, down)).render().lines()).containsExactly(
                "ID      URL                    STATUS         USED   CAPACITY  USE%  CHUNKS  HEARTBEAT",
                "node-1  http://127.0.0.1:9001  healthy    25.0 GiB  100.0 GiB   25%      42  1.5s ago",
                "node-2  http://127.0.0.1:9002  unhealthy       0 B        0 B     -       0  never");
    }

    @Test
    void formats() {
        assertThat(Formats.duration(59)).isEqualTo("59s");
        assertThat(Formats.duration(185)).isEqualTo("3m05s");
        assertThat(Formats.duration(7620)).isEqualTo("2h07m");
        assertThat(Formats.age(800)).isEqualTo("0.8s ago");
        assertThat(Formats.age(185_000)).isEqualTo("3m05s ago");
        assertThat(Formats.timestamp("not a date")).isEqualTo("not a date");
        assertThat(Formats.mbPerSecond(10_000_000, 1_000_000_000L)).isEqualTo(10.0);
    }
}
