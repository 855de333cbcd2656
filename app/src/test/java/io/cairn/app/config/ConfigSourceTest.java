package io.cairn.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSourceTest {
    @TempDir
    Path dir;

    @Test
    void flagBeatsEnvironmentBeatsFileBeatsDefault() throws Exception {
        Path file = Files.writeString(dir.resolve("cairn.properties"), "REPLICATION_FACTOR=4\nCHUNK_SIZE=2MiB\n");
        ConfigSource src = ConfigSource.load(file, Map.of("REPLICATION_FACTOR", "3", "CHUNK_SIZE", ""));
        assertThat(src.integer("5", "--r", "REPLICATION_FACTOR", 2, 1, 16)).isEqualTo(5);
        assertThat(src.integer(null, "--r", "REPLICATION_FACTOR", 2, 1, 16)).isEqualTo(3);
        assertThat(src.bytes(null, "--c", "CHUNK_SIZE", 1, 1, Long.MAX_VALUE)).isEqualTo(2L << 20);
        assertThat(src.duration(null, "--h", "HEALTH_CHECK_INTERVAL", Duration.ofSeconds(3), Duration.ZERO))
                .isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void errorsNameTheSettingAndItsSource() {
        ConfigSource src = ConfigSource.load(null, Map.of("REPLICATION_FACTOR", "two", "CHUNK_SIZE", "1k"));
        assertThatThrownBy(() -> src.integer(null, "--replication-factor", "REPLICATION_FACTOR", 2, 1, 16))
                .isInstanceOf(ConfigException.class).hasMessageContaining("environment variable REPLICATION_FACTOR");
        assertThatThrownBy(() -> src.bytes(null, "--chunk-size", "CHUNK_SIZE", 1, 64 << 10, 64 << 20))
                .hasMessageContaining("must be between");
        assertThatThrownBy(() -> src.integer("99", "--replication-factor", "REPLICATION_FACTOR", 2, 1, 16))
                .hasMessageContaining("flag --replication-factor");
        assertThatThrownBy(() -> ConfigSource.load(dir.resolve("missing.properties"), Map.of()))
                .hasMessageContaining("does not exist");
    }

    @Test
    void aShareIsAPercentageOrAFraction() {
        ConfigSource src = ConfigSource.load(null, Map.of("RESERVE", "5%", "OTHER", "0.05", "BAD", "five",
                "HIGH", "150%"));
        assertThat(src.fraction(null, "--reserve", "RESERVE", 0.1, 0, 0.99)).isEqualTo(0.05);
        assertThat(src.fraction(null, "--other", "OTHER", 0.1, 0, 0.99)).isEqualTo(0.05);
        assertThat(src.fraction("12.5 %", "--reserve", "RESERVE", 0.1, 0, 0.99)).isEqualTo(0.125);
        assertThat(src.fraction(null, "--unset", "UNSET", 0.1, 0, 0.99)).isEqualTo(0.1);
        assertThatThrownBy(() -> src.fraction(null, "--bad", "BAD", 0.1, 0, 0.99))
                .isInstanceOf(ConfigException.class).hasMessageContaining("environment variable BAD")
                .hasMessageContaining("5% or 0.05");
        assertThatThrownBy(() -> src.fraction(null, "--high", "HIGH", 0.1, 0, 0.99))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must be between");
        assertThatThrownBy(() -> src.fraction("NaN", "--reserve", "RESERVE", 0.1, 0, 0.99))
                .isInstanceOf(ConfigException.class);
    }
}
