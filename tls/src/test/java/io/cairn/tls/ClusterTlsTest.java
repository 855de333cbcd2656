package io.cairn.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.auth.ClusterSecret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterTlsTest {
    private static final ClusterCa CA = ClusterCa.derive(ClusterSecret.generate());

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void theCertificateIsRenewedOnceHalfItsValidityHasPassed() {
        TestClock clock = new TestClock();
        ClusterTls tls = new ClusterTls(CA, "cairn node n1", List.of("127.0.0.1"), Duration.ofDays(10), clock);
        KeyMaterial first = tls.current();
        clock.now = clock.now.plus(Duration.ofDays(4));
        assertThat(tls.current()).isSameAs(first);

        clock.now = clock.now.plus(Duration.ofDays(2));
        KeyMaterial renewed = tls.current();
        assertThat(renewed).isNotSameAs(first);
        assertThat(renewed.key()).isNotEqualTo(first.key());
        assertThat(renewed.notAfter()).isEqualTo(clock.now.plus(Duration.ofDays(10)));
        assertThat(tls.current()).isSameAs(renewed);

        // The key manager presents the renewed certificate from the next handshake on.
        String alias = tls.keyManager().chooseServerAlias("EC", null, null);
        assertThat(tls.keyManager().getCertificateChain(alias)[0]).isEqualTo(renewed.certificate());
        assertThat(tls.keyManager().getPrivateKey(alias)).isEqualTo(renewed.key());
    }
}
