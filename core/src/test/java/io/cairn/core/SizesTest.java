package io.cairn.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SizesTest {
    @Test
    void parsesSizes() {
        assertThat(Sizes.parseBytes("1048576")).isEqualTo(1 << 20);
        assertThat(Sizes.parseBytes("4MiB")).isEqualTo(4 << 20);
        assertThat(Sizes.parseBytes("512k")).isEqualTo(512 << 10);
        assertThat(Sizes.parseBytes("1 GB")).isEqualTo(1L << 30);
        assertThatThrownBy(() -> Sizes.parseBytes("-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sizes.parseBytes("lots")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesDurationsWithSecondsAsTheBareUnit() {
        assertThat(Sizes.parseDuration("10")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Sizes.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Sizes.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> Sizes.parseDuration("soon")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsHumanSizes() {
        assertThat(Sizes.human(512)).isEqualTo("512 B");
        assertThat(Sizes.human(2_684_354_560L)).isEqualTo("2.5 GiB");
    }
}
