package io.cairn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.api.ClusterKey;
import io.cairn.app.config.ConfigException;
import io.cairn.http.limits.RateLimits;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rate limit settings: off unless set, sizes for bytes, and a byte rate too small to be one refused. */
class ServerOptionsTest {
    private static RateLimits limits(Map<String, String> env) {
        ServerOptions options = new ServerOptions();
        return options.cluster(options.source(env), ClusterKey.generate()).rateLimits();
    }

    @Test
    void rateLimitsAreOffUnlessSet() {
        assertThat(limits(Map.of())).isEqualTo(RateLimits.OFF);
    }

    @Test
    void rateLimitsComeFromTheirVariables() {
        assertThat(limits(Map.of("RATE_LIMIT_REQUESTS", "50", "RATE_LIMIT_BYTES", "100MiB",
                "RATE_LIMIT_ADDRESS_REQUESTS", "200", "RATE_LIMIT_ADDRESS_BYTES", "1GiB")))
                .isEqualTo(new RateLimits(50, 100L << 20, 200, 1L << 30));
    }

    @Test
    void aByteRateBelowOneKibibyteIsRefused() {
        assertThatThrownBy(() -> limits(Map.of("RATE_LIMIT_BYTES", "100"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("RATE_LIMIT_").hasMessageContaining("1024");
        assertThatThrownBy(() -> limits(Map.of("RATE_LIMIT_REQUESTS", "-1"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("environment variable RATE_LIMIT_REQUESTS");
    }
}
