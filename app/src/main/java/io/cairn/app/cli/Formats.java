package io.cairn.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cairn.core.Json;
import io.cairn.core.Sizes;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Human-readable numbers for the CLI's output. Rates are in MB/s of 10^6 bytes, as disk and network tools report. */
final class Formats {
    private Formats() {
    }

    static String bytes(long bytes) {
        return Sizes.human(bytes);
    }

    static double mbPerSecond(long bytes, long nanos) {
        return nanos <= 0 ? 0 : bytes / 1e6 / (nanos / 1e9);
    }

    static String rate(long bytes, long nanos) {
        return String.format(Locale.ROOT, "%.1f MB/s", mbPerSecond(bytes, nanos));
    }

    /** A duration for humans: "42s", "3m05s", "2h07m". */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
    }

    /** How long ago something happened, from an age in milliseconds: "0.8s ago", "3m05s ago". */
    static String age(long millis) {
        if (millis < 0) {
            return "never";
        }
        if (millis < 10_000) {
            return String.format(Locale.ROOT, "%.1fs ago", millis / 1000.0);
        }
        return duration(millis / 1000) + " ago";
    }

    /** An ISO-8601 instant shortened to whole seconds ("2026-11-22T10:30:00Z"); anything else is shown as it is. */
    static String timestamp(String iso) {
        if (iso == null) {
            return "-";
        }
        try {
            return Instant.parse(iso).truncatedTo(ChronoUnit.SECONDS).toString();
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    static String percent(long part, long whole) {
        return whole <= 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", 100.0 * part / whole);
    }

    /** Indented JSON for --json output meant to be read by people as well as by jq. */
    static String prettyJson(Object value) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
