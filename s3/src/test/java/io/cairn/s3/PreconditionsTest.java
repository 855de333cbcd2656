package io.cairn.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** RFC 9110's order of conditional headers, as S3 applies it. */
class PreconditionsTest {
    private static final String ETAG = "9e107d9d372bb6826bd81d3542a419d6";
    /** Tue, 01 Dec 2026 12:00:00 GMT plus 500 ms: HTTP dates have whole seconds. */
    private static final long MODIFIED = 1_796_126_400_500L;

    private static UnaryOperator<String> headers(Map<String, String> values) {
        return values::get;
    }

    private static Preconditions.Outcome evaluate(Map<String, String> values) {
        return Preconditions.evaluate(headers(values), "", ETAG, MODIFIED);
    }

    @Test
    void ifMatchWinsOverIfUnmodifiedSince() {
        assertThat(evaluate(Map.of("if-match", "\"" + ETAG + "\"",
                "if-unmodified-since", "Mon, 30 Nov 2026 00:00:00 GMT"))).isEqualTo(Preconditions.Outcome.PROCEED);
        assertThatThrownBy(() -> evaluate(Map.of("if-match", "\"other\""))).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.error()).isEqualTo(S3Error.PreconditionFailed));
        assertThatThrownBy(() -> evaluate(Map.of("if-unmodified-since", "Mon, 30 Nov 2026 00:00:00 GMT")))
                .isInstanceOf(S3Exception.class);
        assertThat(evaluate(Map.of("if-unmodified-since", "Tue, 01 Dec 2026 12:00:00 GMT")))
                .isEqualTo(Preconditions.Outcome.PROCEED);
    }

    @Test
    void ifNoneMatchWinsOverIfModifiedSince() {
        assertThat(evaluate(Map.of("if-none-match", "\"a\", W/\"" + ETAG + "\"")))
                .isEqualTo(Preconditions.Outcome.NOT_MODIFIED);
        assertThat(evaluate(Map.of("if-none-match", "\"other\"", "if-modified-since",
                "Wed, 02 Dec 2026 00:00:00 GMT"))).isEqualTo(Preconditions.Outcome.PROCEED);
        assertThat(evaluate(Map.of("if-modified-since", "Tue, 01 Dec 2026 12:00:00 GMT")))
                .isEqualTo(Preconditions.Outcome.NOT_MODIFIED);
        assertThat(evaluate(Map.of("if-modified-since", "Tue, 01 Dec 2026 11:59:59 GMT")))
                .isEqualTo(Preconditions.Outcome.PROCEED);
        // A date S3 cannot read is ignored, not an error.
        assertThat(evaluate(Map.of("if-modified-since", "yesterday"))).isEqualTo(Preconditions.Outcome.PROCEED);
    }

    @Test
    void aCopyChecksItsSourceHeaders() {
        assertThatThrownBy(() -> Preconditions.evaluate(headers(Map.of("x-amz-copy-source-if-match", "\"x\"")),
                "x-amz-copy-source-", ETAG, MODIFIED)).isInstanceOf(S3Exception.class);
        assertThat(Preconditions.evaluate(headers(Map.of("if-match", "\"x\"")), "x-amz-copy-source-", ETAG, MODIFIED))
                .isEqualTo(Preconditions.Outcome.PROCEED);
    }
}
