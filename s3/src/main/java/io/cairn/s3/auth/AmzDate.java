package io.cairn.s3.auth;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Optional;

/**
 * The timestamp forms the signatures meet: ISO 8601 basic ({@code 20130524T000000Z}) and an RFC 1123 Date header.
 */
final class AmzDate {
    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC).withResolverStyle(ResolverStyle.STRICT);
    /** RFC 1123 after its weekday: {@code 27 Mar 2007 19:36:42 GMT} or {@code +0000}. */
    private static final DateTimeFormatter HTTP_DATE_AFTER_WEEKDAY = new DateTimeFormatterBuilder()
            .parseCaseInsensitive().appendPattern("d MMM uuuu HH:mm:ss ").appendOffset("+HHMM", "GMT")
            .toFormatter(Locale.US).withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuuMMdd").withZone(ZoneOffset.UTC);

    private AmzDate() {
    }

    /**
     * Read by hand, not by {@link #BASIC}: every signed request carries one, and the formatter's strict resolving cost
     * as much as deriving a signing key. Same result: exactly {@code uuuuMMdd'T'HHmmss'Z'}, a real date and time.
     */
    static Optional<Instant> parseBasic(String text) {
        String t = text.trim();
        if (t.length() != 16 || t.charAt(8) != 'T' || t.charAt(15) != 'Z') {
            return Optional.empty();
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 4, 6);
        int day = digits(t, 6, 8);
        int hour = digits(t, 9, 11);
        int minute = digits(t, 11, 13);
        int second = digits(t, 13, 15);
        if ((year | month | day | hour | minute | second) < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The decimal number of {@code text[from, to)}, or -1 if any of it is not an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    static Optional<Instant> parseHttpDate(String text) {
        return parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
    }

    /**
     * An RFC 1123 date as SigV2 reads it: the weekday is redundant with the date and not checked against it, as S3
     * did not (clients, the conformance suite among them, send dates whose weekday is wrong).
     */
    static Optional<Instant> parseHttpDateAnyWeekday(String text) {
        return parse(text.substring(text.indexOf(',') + 1), HTTP_DATE_AFTER_WEEKDAY);
    }

    /** The form the string to sign carries, whichever header the time came from. */
    static String basic(Instant time) {
        return BASIC.format(time);
    }

    /** The day a credential scope must name. */
    static String day(Instant time) {
        return DAY.format(time);
    }

    private static Optional<Instant> parse(String text, DateTimeFormatter format) {
        try {
            return Optional.of(Instant.from(format.parse(text.trim())));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
