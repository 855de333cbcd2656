package io.cairn.s3.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AmzDateTest {
    /** What {@link AmzDate#parseBasic} read with before it read by hand: it must agree on every input. */
    private static final DateTimeFormatter STRICT = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC).withResolverStyle(ResolverStyle.STRICT);

    @Test
    void aBasicTimestampIsReadAsTheInstantItNames() {
        assertThat(AmzDate.parseBasic("20130524T000000Z")).contains(Instant.parse("2013-05-24T00:00:00Z"));
        assertThat(AmzDate.parseBasic(" 20240229T235959Z ")).contains(Instant.parse("2024-02-29T23:59:59Z"));
        assertThat(AmzDate.basic(AmzDate.parseBasic("20991231T010203Z").orElseThrow())).isEqualTo("20991231T010203Z");
    }

    @Test
    void theHandReadingAgreesWithTheStrictFormatterOnValidAndInvalidTimestamps() {
        List<String> inputs = List.of("20130524T000000Z", "20240229T120000Z", "20230229T120000Z", "20130231T000000Z",
                "20131301T000000Z", "20130001T000000Z", "20130100T000000Z", "20130524T240000Z", "20130524T236000Z",
                "20130524T235960Z", "20130524t000000Z", "20130524T000000z", "20130524T000000", "2013-05-24T00:00:00Z",
                "2013052AT000000Z", "20130524T00000 Z", "+2013052T000000Z", "201305240T00000Z", "", "00000101T000000Z",
                "99991231T235959Z", "２０１３0524T000000Z", "20130524T000000ZZ");
        for (String input : inputs) {
            assertThat(AmzDate.parseBasic(input)).as(input).isEqualTo(strict(input));
        }
    }

    private static Optional<Instant> strict(String text) {
        try {
            return Optional.of(Instant.from(STRICT.parse(text.trim())));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
