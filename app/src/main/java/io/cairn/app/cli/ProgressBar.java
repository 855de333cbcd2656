package io.cairn.app.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of one transfer on stderr, shown only for transfers over {@link #MIN_SIZE} so small commands stay quiet.
 * On a terminal it redraws one line in place (bar, percent, MB/s, ETA); otherwise (a log, CI) it prints a line at
 * every 10% so the log stays short. Thread-safe: the HTTP client reports bytes from its own threads.
 */
final class ProgressBar {
    static final long MIN_SIZE = 4L << 20;
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int BAR_WIDTH = 30;
    private static final int LABEL_WIDTH = 32;

    private final String label;
    private final long total;
    private final PrintWriter err;
    private final boolean interactive;
    private final LongSupplier nanoClock;
    private final long start;
    private long done;
    private long lastDraw;
    private int lastDecile;
    private int lastWidth;
    private boolean shown;
    private boolean ended;

    ProgressBar(String label, long total, PrintWriter err, boolean interactive, LongSupplier nanoClock) {
        this.label = shorten(label);
        this.total = total;
        this.err = err;
        this.interactive = interactive;
        this.nanoClock = nanoClock;
        this.start = nanoClock.getAsLong();
        this.lastDraw = start - REDRAW_NANOS;
    }

    /**
     * A bar for a transfer of {@code total} bytes (-1 when unknown, as for stdin), or one that prints nothing when
     * {@code quiet}.
     */
    static ProgressBar start(String label, long total, boolean quiet, PrintWriter err) {
        return new ProgressBar(label, total, quiet ? null : err, stderrIsTerminal(), System::nanoTime);
    }

    synchronized void advance(long bytes) {
        done += bytes;
        if (!enabled()) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (interactive) {
            if (now - lastDraw >= REDRAW_NANOS) {
                lastDraw = now;
                redraw(now);
            }
        } else if (total > 0) {
            int decile = (int) Math.min(10, done * 10 / total);
            if (decile > lastDecile && decile < 10) {
                lastDecile = decile;
                shown = true;
                err.println(line(label, done, total, now - start));
                err.flush();
            }
        }
    }

    /** The transfer completed: a final line with the average rate, if the bar was shown at all. */
    synchronized void finish() {
        if (ended || !enabled()) {
            return;
        }
        ended = true;
        long elapsed = nanoClock.getAsLong() - start;
        if (interactive) {
            redraw(nanoClock.getAsLong());
            err.println();
        } else {
            err.println(summary(label, done, elapsed));
        }
        err.flush();
    }

    /** The transfer failed: ends the bar's line so the error that follows starts on a line of its own. */
    synchronized void abort() {
        if (ended) {
            return;
        }
        ended = true;
        if (interactive && shown && err != null) {
            err.println();
            err.flush();
        }
    }

    long done() {
        synchronized (this) {
            return done;
        }
    }

    private boolean enabled() {
        return err != null && (total > MIN_SIZE || (total < 0 && done > MIN_SIZE));
    }

    private void redraw(long now) {
        String text = bar(label, done, total, now - start);
        int pad = Math.max(0, lastWidth - text.length());
        lastWidth = text.length();
        shown = true;
        err.print("\r" + text + " ".repeat(pad));
        err.flush();
    }

    /** The in-place line: "name  [=====>    ]  45%  460.8 MiB/1.0 GiB  123.4 MB/s  ETA 5s". */
    static String bar(String label, long done, long total, long elapsedNanos) {
        String rate = Formats.rate(done, elapsedNanos);
        if (total <= 0) {
            return String.format(Locale.ROOT, "%s  %s  %s", label, Formats.bytes(done), rate);
        }
        long shown = Math.min(done, total);
        int filled = (int) (BAR_WIDTH * shown / total);
        String bar = "=".repeat(filled) + (filled < BAR_WIDTH ? ">" + " ".repeat(BAR_WIDTH - filled - 1) : "");
        return String.format(Locale.ROOT, "%s  [%s] %3d%%  %s/%s  %s  ETA %s", label, bar, 100 * shown / total,
                Formats.bytes(shown), Formats.bytes(total), rate, eta(shown, total, elapsedNanos));
    }

    /** A log line: "name: 40% (409.6 MiB of 1.0 GiB), 123.4 MB/s, ETA 5s". */
    static String line(String label, long done, long total, long elapsedNanos) {
        return String.format(Locale.ROOT, "%s: %d%% (%s of %s), %s, ETA %s", label, 100 * Math.min(done, total) / total,
                Formats.bytes(done), Formats.bytes(total), Formats.rate(done, elapsedNanos),
                eta(done, total, elapsedNanos));
    }

    /** The closing line: "name: 1.0 GiB in 8s, 134.2 MB/s". */
    static String summary(String label, long done, long elapsedNanos) {
        return String.format(Locale.ROOT, "%s: %s in %s, %s", label, Formats.bytes(done),
                Formats.duration(Math.round(elapsedNanos / 1e9)), Formats.rate(done, elapsedNanos));
    }

    static String eta(long done, long total, long elapsedNanos) {
        if (done <= 0 || elapsedNanos <= 0) {
            return "?";
        }
        double seconds = (total - done) * (elapsedNanos / 1e9) / done;
        return Formats.duration(Math.max(0, Math.round(seconds)));
    }

    static String shorten(String label) {
        return label.length() <= LABEL_WIDTH ? label : "…" + label.substring(label.length() - LABEL_WIDTH + 1);
    }

    /**
     * Whether stderr is likely a terminal. Java 22+ returns a Console even when redirected and added
     * {@code Console.isTerminal()}; we compile for 21, so that method is looked up at run time.
     */
    static boolean stderrIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // Java 21: a non-null console already means a terminal.
        }
    }
}
