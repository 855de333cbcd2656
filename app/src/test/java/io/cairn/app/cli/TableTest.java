package io.cairn.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.api.BalanceReport;
import io.cairn.api.NodeView;
import io.cairn.api.RecoveryStatus;
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
                "ID      URL                    STATUS     STATE         USED   CAPACITY  USE%  CHUNKS  HEARTBEAT",
                "node-1  http://127.0.0.1:9001  healthy    active    25.0 GiB  100.0 GiB   25%      42  1.5s ago",
                "node-2  http://127.0.0.1:9002  unhealthy  draining       0 B        0 B     -       0  never");
    }

    @Test
    void recoveryShowsRedundancyRepairsDrainsAndGarbage() {
        RecoveryStatus status = new RecoveryStatus(true, "2026-12-06T01:00:00Z", 12, 48L << 20, 3, 0, 0, 5, 40, 1,
                160L << 20, 80e6, 1, 2, 1, 4, 10L << 20, 2L << 20, 1L << 30, 1,
                List.of(new RecoveryStatus.Draining("node-2", 7)));
        assertThat(RecoveryCommand.render(status)).contains(
                "12 chunks short of copies (48.0 MiB), 3 with one copy left",
                "5 queued, 76.3 MiB/s, full redundancy in about 1s",
                "40 copies (160.0 MiB), 1 failed, 2 extra copies trimmed",
                "1 missing, 1 corrupt, 4 orphaned copies",
                "node-2 (7 chunks left)",
                "10.0 MiB unreferenced, 2.0 MiB being deleted, 1.0 GiB reclaimed");
        RecoveryStatus follower = new RecoveryStatus(false, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                List.of());
        assertThat(RecoveryCommand.render(follower)).contains("ask the controller group's leader");
    }

    @Test
    void rebalanceShowsEachNodesShare() {
        BalanceReport report = new BalanceReport(0.1, 0.5, false, true, 3, 12L << 20, List.of(
                new BalanceReport.NodeUse("node-1", 60L << 20, 100L << 20, 0.6),
                new BalanceReport.NodeUse("node-2", 40L << 20, 100L << 20, 0.4)));
        assertThat(RebalanceCommand.render(report)).contains("node-1", "60.0%", "40.0%",
                "mean 50.0%, tolerance 10.0%: moving chunks (3 chunks, 12.0 MiB moved so far)");
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
