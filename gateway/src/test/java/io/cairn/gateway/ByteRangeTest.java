package io.cairn.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import org.junit.jupiter.api.Test;

class ByteRangeTest {
    @Test
    void parsesTheThreeForms() {
        assertThat(ByteRange.parse("bytes=0-99", 1000)).contains(new ByteRange(0, 99));
        assertThat(ByteRange.parse("bytes=900-", 1000)).contains(new ByteRange(900, 999));
        assertThat(ByteRange.parse("bytes=-100", 1000)).contains(new ByteRange(900, 999));
        assertThat(ByteRange.parse("bytes=-5000", 1000)).contains(new ByteRange(0, 999));
        assertThat(ByteRange.parse("bytes=10-5000", 1000)).contains(new ByteRange(10, 999));
    }

    @Test
    void ignoresWhatItDoesNotSupport() {
        assertThat(ByteRange.parse(null, 10)).isEmpty();
        assertThat(ByteRange.parse("bytes=0-1,5-6", 10)).isEmpty();
        assertThat(ByteRange.parse("items=0-1", 10)).isEmpty();
        assertThat(ByteRange.parse("bytes=5-1", 10)).isEmpty();
    }

    @Test
    void refusesRangesOutsideTheContent() {
        assertThatThrownBy(() -> ByteRange.parse("bytes=10-", 10)).isInstanceOf(CairnException.class)
                .extracting(e -> ((CairnException) e).code()).isEqualTo(ErrorCode.RANGE_NOT_SATISFIABLE);
        assertThatThrownBy(() -> ByteRange.parse("bytes=-0", 10)).isInstanceOf(CairnException.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=0-", 0)).isInstanceOf(CairnException.class);
    }
}
