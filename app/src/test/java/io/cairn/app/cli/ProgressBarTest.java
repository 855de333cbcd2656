package io.cairn.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private static final long MIB = 1 << 20;
    private static final long SECOND = 1_000_000_000L;

    @Test
    void barShowsPercentRateAndEta() {
        // 50 MiB of 100 MiB in 1 s: 52.4 MB/s (10^6 bytes), so 1 s left.
        assertThat(ProgressBar.bar("get a.bin", 50 * MIB, 100 * MIB, SECOND)).isEqualTo(
                "get a.bin  [===============>              ]  50%  50.0 MiB/100.0 MiB  52.4 MB/s  ETA 1s");
        assertThat(ProgressBar.bar("x", 100 * MIB, 100 * MIB, 2 * SECOND)).isEqualTo(
                "x  [==============================] 100%  100.0 MiB/100.0 MiB  52.4 MB/s  ETA 0s");
        assertThat(ProgressBar.bar("x", 0, 100 * MIB, 0)).contains("[>", "  0%", "ETA ?");
    }

    @Test
    void unknownTotalShowsBytesAndRateOnly() {
        assertThat(ProgressBar.bar("put -", 10 * MIB, -1, SECOND)).isEqualTo("put -  10.0 MiB  10.5 MB/s");
    }

    @Test
    void logLinesAndSummary() {
        assertThat(ProgressBar.line("put big", 40 * MIB, 100 * MIB, 4 * SECOND))
                .isEqualTo("put big: 40% (40.0 MiB of 100.0 MiB), 10.5 MB/s, ETA 6s");
        assertThat(ProgressBar.summary("put big", 1L << 30, 8 * SECOND)).isEqualTo("put big: 1.0 GiB in 8s, 134.2 MB/s");
        assertThat(ProgressBar.eta(1, 3601, SECOND)).isEqualTo("1h00m");
    }

    @Test
    void longLabelsKeepTheirEnd() {
        String label = ProgressBar.shorten("get " + "d/".repeat(40) + "file.bin");
        assertThat(label).hasSize(32).startsWith("…").endsWith("d/file.bin");
    }

    @Test
    void withoutATerminalALineIsPrintedAtEveryTenPercent() {
        AtomicLong clock = new AtomicLong();
        StringWriter err = new StringWriter();
        ProgressBar bar = new ProgressBar("put f", 100 * MIB, new PrintWriter(err), false, clock::get);
        for (int i = 0; i < 100; i++) {
            clock.addAndGet(SECOND / 100);
            bar.advance(MIB);
        }
        bar.finish();
        String[] lines = err.toString().split("\\R");
        assertThat(lines).hasSize(10);
        assertThat(lines[0]).startsWith("put f: 10% (10.0 MiB of 100.0 MiB)");
        assertThat(lines[8]).startsWith("put f: 90%");
        assertThat(lines[9]).isEqualTo("put f: 100.0 MiB in 1s, 104.9 MB/s");
    }

    @Test
    void onATerminalTheLineIsRedrawnInPlaceAtMostEveryTenthOfASecond() {
        AtomicLong clock = new AtomicLong();
        StringWriter err = new StringWriter();
        ProgressBar bar = new ProgressBar("get f", 10 * MIB, new PrintWriter(err), true, clock::get);
        for (int i = 0; i < 10; i++) {
            clock.addAndGet(SECOND / 20);
            bar.advance(MIB);
        }
        bar.finish();
        String text = err.toString();
        assertThat(text).startsWith("\rget f  [").endsWith(System.lineSeparator()).contains("100%");
        assertThat(text.chars().filter(c -> c == '\r').count()).isBetween(5L, 7L);
    }

    @Test
    void smallTransfersAndQuietModeShowNothing() {
        StringWriter err = new StringWriter();
        ProgressBar small = new ProgressBar("x", 4 * MIB, new PrintWriter(err), false, System::nanoTime);
        small.advance(4 * MIB);
        small.finish();
        ProgressBar quiet = ProgressBar.start("x", 100 * MIB, true, new PrintWriter(err));
        quiet.advance(100 * MIB);
        quiet.finish();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void anAbortedBarEndsItsLineSoTheErrorStartsOnANewOne() {
        AtomicLong clock = new AtomicLong();
        StringWriter err = new StringWriter();
        ProgressBar bar = new ProgressBar("get f", 100 * MIB, new PrintWriter(err), true, clock::get);
        bar.advance(10 * MIB);
        bar.abort();
        bar.finish();
        assertThat(err.toString()).endsWith(System.lineSeparator()).doesNotContain("100%");
    }
}
