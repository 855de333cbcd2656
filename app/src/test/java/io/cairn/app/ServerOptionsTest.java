package io.cairn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.api.ClusterKey;
import io.cairn.app.config.ConfigException;
import io.cairn.client.DataPathSettings;
import io.cairn.core.Sizes;
import io.cairn.gateway.Gateway;
import io.cairn.http.limits.ConnectionLimits;
import io.cairn.http.limits.RateLimits;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Settings read by every role: the rate limits (off unless set, sizes for bytes, a byte rate too small to be one
 * refused), whether the S3 port was chosen, the refusal of default credentials on a reachable address, and the
 * transfer memory (a share of the heap unless set, never more than the heap, never less than one transfer needs),
 * the limits on slow clients and connections per client address.
 */
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

    private static ConnectionLimits connections(Map<String, String> env) {
        ServerOptions options = new ServerOptions();
        return options.cluster(options.source(env), ClusterKey.generate()).connections();
    }

    @Test
    void slowClientLimitsHaveDefaultsAndComeFromTheirVariables() {
        assertThat(connections(Map.of())).isEqualTo(ConnectionLimits.DEFAULTS);
        assertThat(connections(Map.of("MIN_BODY_RATE", "64KiB", "BODY_IDLE_TIMEOUT", "10s",
                "MAX_CONNECTIONS_PER_CLIENT", "0")))
                .isEqualTo(new ConnectionLimits(64 << 10, ConnectionLimits.DEFAULT_BODY_GRACE, Duration.ofSeconds(10),
                        0));
        assertThat(connections(Map.of("MIN_BODY_RATE", "0")).minBodyRate()).isZero();
        assertThatThrownBy(() -> connections(Map.of("BODY_IDLE_TIMEOUT", "5m"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("BODY_IDLE_TIMEOUT").hasMessageContaining("120s");
        assertThatThrownBy(() -> connections(Map.of("MAX_CONNECTIONS_PER_CLIENT", "-1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("MAX_CONNECTIONS_PER_CLIENT");
    }

    @Test
    void theS3PortCountsAsGivenOnlyWhenSetAnywhere() {
        ServerOptions options = new ServerOptions();
        assertThat(options.s3PortGiven(options.source(Map.of()))).isFalse();
        assertThat(options.s3PortGiven(options.source(Map.of("S3_PORT", "9100")))).isTrue();
        assertThat(options.s3PortGiven(options.source(Map.of("S3_PORT", "-1")))).isTrue();
    }

    @Test
    void defaultRootCredentialsAreRefusedOnAnyAddressButLoopback() {
        ServerOptions options = new ServerOptions();
        var settings = options.cluster(options.source(Map.of()), ClusterKey.generate());
        ServerOptions.checkExposure(settings, "127.0.0.1");
        ServerOptions.checkExposure(settings, "::1");
        assertThatThrownBy(() -> ServerOptions.checkExposure(settings, "0.0.0.0"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ROOT_ACCESS_KEY and ROOT_SECRET_KEY");
        var own = options.cluster(options.source(Map.of("ROOT_ACCESS_KEY", "operator", "ROOT_SECRET_KEY",
                "a long secret")), ClusterKey.generate());
        ServerOptions.checkExposure(own, "0.0.0.0");
    }

    private static void checked(Map<String, String> env) {
        ServerOptions options = new ServerOptions();
        options.checkBufferMemory(options.cluster(options.source(env), ClusterKey.generate()));
    }

    @Test
    void transferMemoryIsAShareOfTheHeapUnlessSet() {
        ServerOptions options = new ServerOptions();
        long heap = Runtime.getRuntime().maxMemory();
        assertThat(options.cluster(options.source(Map.of()), ClusterKey.generate()).maxBufferMemory())
                .isEqualTo((long) (0.4 * heap));
        assertThat(options.cluster(options.source(Map.of("MAX_BUFFER_MEMORY", "64MiB")), ClusterKey.generate())
                .maxBufferMemory()).isEqualTo(64L << 20);
    }

    @Test
    void transferMemoryLargerThanTheHeapIsRefused() {
        assertThatThrownBy(() -> checked(Map.of("MAX_BUFFER_MEMORY", "1024GiB"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("MAX_BUFFER_MEMORY").hasMessageContaining("more than the JVM's whole heap");
    }

    @Test
    void transferMemoryTooSmallForOneTransferAtTheChunkSizeStopsTheStart() {
        // With 4 MiB chunks the largest transfer is an S3 part copy: its upload's window of 4 chunk buffers, a 1 MiB
        // pipe and one chunk of its source read ahead, each at what it takes of this JVM's heap (21 MiB and more).
        long needed = Gateway.largestTransfer(4 << 20, DataPathSettings.DEFAULT);
        assertThat(needed).isGreaterThanOrEqualTo(21L << 20);
        assertThatThrownBy(() -> checked(Map.of("MAX_BUFFER_MEMORY", "16MiB"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("MAX_BUFFER_MEMORY is 16.0 MiB")
                .hasMessageContaining("less than one transfer with CHUNK_SIZE 4.0 MiB needs (" + Sizes.human(needed))
                .hasMessageContaining("CAIRN_JAVA_OPTS=-Xmx");
        checked(Map.of("MAX_BUFFER_MEMORY", "16MiB", "CHUNK_SIZE", "1MiB"));
        checked(Map.of("MAX_BUFFER_MEMORY", Long.toString(needed)));
    }
}
