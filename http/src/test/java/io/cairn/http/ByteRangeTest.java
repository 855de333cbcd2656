package io.cairn.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import org.junit.jupiter.api.Test;

class ByteRangeTest {
    @Test
    void parsesTheThreeFormsOfOneRange() {
        assertThat(ByteRange.parse("bytes=10-19", 100)).contains(new ByteRange(10, 10));
        assertThat(ByteRange.parse("bytes=10-", 100)).contains(new ByteRange(10, 90));
        assertThat(ByteRange.parse("bytes=-30", 100)).contains(new ByteRange(70, 30));
        assertThat(ByteRange.parse("bytes=90-500", 100)).contains(new ByteRange(90, 10));
        assertThat(ByteRange.parse("bytes=-500", 100)).contains(new ByteRange(0, 100));
        assertThat(ByteRange.parse("bytes=99-99", 100)).contains(new ByteRange(99, 1));
        assertThat(new ByteRange(10, 10).contentRange(100)).isEqualTo("bytes 10-19/100");
    }

    @Test
    void ignoresWhatItDoesNotUnderstand() {
        assertThat(ByteRange.parse(null, 100)).isEmpty();
        assertThat(ByteRange.parse("bytes=5-2", 100)).isEmpty();
        assertThat(ByteRange.parse("bytes=0-1,5-6", 100)).isEmpty();
        assertThat(ByteRange.parse("items=0-1", 100)).isEmpty();
        assertThat(ByteRange.parse("bytes=-", 100)).isEmpty();
        assertThat(ByteRange.parse("bytes=99999999999999999999-", 100)).isEmpty();
    }

    @Test
    void refusesRangesOutsideTheContent() {
        for (String header : new String[] {"bytes=100-", "bytes=100-200", "bytes=-0"}) {
            assertThatThrownBy(() -> ByteRange.parse(header, 100))
                    .isInstanceOfSatisfying(CairnException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.RANGE_NOT_SATISFIABLE));
        }
        assertThatThrownBy(() -> ByteRange.parse("bytes=-5", 0)).isInstanceOf(CairnException.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=0-", 0)).isInstanceOf(CairnException.class);
    }
}
