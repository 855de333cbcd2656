package io.cairn.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.auth.ClusterSecret;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CA every holder of the secret derives, and the certificates it issues. */
class ClusterCaTest {
    private static final ClusterSecret SECRET = ClusterSecret.generate();
    private static final Instant NOW = Instant.parse("2026-12-10T12:00:00Z");

    @Test
    void twoDerivationsGiveTheSameCaByteForByte() throws Exception {
        X509Certificate one = ClusterCa.derive(SECRET).certificate();
        X509Certificate two = ClusterCa.derive(ClusterSecret.parse(SECRET.hex())).certificate();
        assertThat(two.getPublicKey().getEncoded()).isEqualTo(one.getPublicKey().getEncoded());
        assertThat(two.getEncoded()).isEqualTo(one.getEncoded());
        assertThat(ClusterCa.derive(SECRET).pem()).isEqualTo(ClusterCa.derive(SECRET).pem());
    }

    @Test
    void anotherSecretGivesAnotherCa() {
        X509Certificate ours = ClusterCa.derive(SECRET).certificate();
        X509Certificate theirs = ClusterCa.derive(ClusterSecret.generate()).certificate();
        assertThat(theirs.getPublicKey()).isNotEqualTo(ours.getPublicKey());
        assertThat(theirs.getSubjectX500Principal()).isNotEqualTo(ours.getSubjectX500Principal());
    }

    @Test
    void theCaIsASelfSignedCaThatSignsLeavesOnly() throws Exception {
        X509Certificate ca = ClusterCa.derive(SECRET).certificate();
        ca.verify(ca.getPublicKey());
        assertThat(ca.getSubjectX500Principal().getName()).matches("CN=Cairn cluster CA [0-9a-f]{8}");
        assertThat(ca.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        assertThat(ca.getBasicConstraints()).isZero();
        assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(ca.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(ca.getNotAfter().toInstant()).isAfter(Instant.parse("9999-01-01T00:00:00Z"));
    }

    @Test
    void aLeafIssuedByOneProcessIsTrustedByTheCaAnotherDerived() throws Exception {
        KeyMaterial leaf = ClusterCa.derive(SECRET).issue("cairn node n1", List.of("10.0.0.7", "node1.example"),
                Instant.now(), Duration.ofDays(365));
        ClusterTrustManager trust = ClusterTrustManager.of(ClusterCa.derive(SECRET).certificate());
        X509Certificate[] chain = leaf.chain().toArray(X509Certificate[]::new);
        trust.checkClientTrusted(chain, "EC");
        trust.checkServerTrusted(chain, "ECDHE_ECDSA");
        leaf.certificate().verify(ClusterCa.derive(SECRET).certificate().getPublicKey());
    }

    @Test
    void aLeafOfAnotherClusterIsRefused() {
        KeyMaterial stranger = ClusterCa.derive(ClusterSecret.generate()).issue("cairn node n9", List.of(),
                Instant.now(), Duration.ofDays(1));
        ClusterTrustManager trust = ClusterTrustManager.of(ClusterCa.derive(SECRET).certificate());
        X509Certificate[] chain = stranger.chain().toArray(X509Certificate[]::new);
        assertThatThrownBy(() -> trust.checkClientTrusted(chain, "EC")).isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> trust.checkServerTrusted(chain, "ECDHE_ECDSA")).isInstanceOf(CertificateException.class);
        // Its leaf alone, without the foreign CA, is no better.
        assertThatThrownBy(() -> trust.checkClientTrusted(new X509Certificate[] {chain[0]}, "EC"))
                .isInstanceOf(CertificateException.class);
    }

    @Test
    void anExpiredLeafIsRefused() {
        KeyMaterial old = ClusterCa.derive(SECRET).issue("cairn node n1", List.of(), Instant.now().minus(
                Duration.ofDays(400)), Duration.ofDays(365));
        ClusterTrustManager trust = ClusterTrustManager.of(ClusterCa.derive(SECRET).certificate());
        assertThatThrownBy(() -> trust.checkClientTrusted(old.chain().toArray(X509Certificate[]::new), "EC"))
                .isInstanceOf(CertificateException.class);
    }

    @Test
    void aLeafNamesItsHostsAndServesBothEnds() throws Exception {
        KeyMaterial leaf = ClusterCa.derive(SECRET).issue("cairn controller c1",
                List.of("127.0.0.1", "localhost", "[::1]", "ctl.example", "localhost"), NOW, Duration.ofDays(365));
        X509Certificate certificate = leaf.certificate();
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=cairn controller c1");
        assertThat(certificate.getSubjectAlternativeNames().stream().map(name -> (Object) name.get(1)).toList())
                .containsExactly("127.0.0.1", "localhost", "0:0:0:0:0:0:0:1", "ctl.example");
        assertThat(certificate.getExtendedKeyUsage()).containsExactlyInAnyOrder("1.3.6.1.5.5.7.3.1",
                "1.3.6.1.5.5.7.3.2");
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.notAfter()).isEqualTo(NOW.plus(Duration.ofDays(365)));
        assertThat(leaf.notBefore()).isBefore(NOW);
        assertThat(leaf.key().getAlgorithm()).isEqualTo("EC");
        assertThat(leaf.chain()).hasSize(2);
    }

    @Test
    void everyLeafHasAKeyOfItsOwn() {
        ClusterCa ca = ClusterCa.derive(SECRET);
        KeyMaterial one = ca.issue("a", List.of(), NOW, Duration.ofDays(1));
        KeyMaterial two = ca.issue("a", List.of(), NOW, Duration.ofDays(1));
        assertThat(one.key()).isNotEqualTo(two.key());
        assertThat(one.certificate().getSerialNumber()).isNotEqualTo(two.certificate().getSerialNumber());
    }
}
