package io.cairn.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.auth.ClusterSecret;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An operator's PEM files: the forms keys come in, and a renewal while the server runs. */
class CertificateFilesTest {
    private static final ClusterCa CA = ClusterCa.derive(ClusterSecret.generate());

    @TempDir
    Path dir;

    @Test
    void readsAChainWithItsKeyInPkcs8OrOpenSslsEcForm() throws IOException {
        KeyMaterial leaf = leaf();
        Path cert = write("cert.pem", Pem.encode(leaf.certificate()) + Pem.encode(CA.certificate()));
        for (String form : List.of(pkcs8(leaf.key()), sec1(leaf.key()))) {
            Path key = write("key.pem", form);
            KeyMaterial read = CertificateFiles.load(cert, key, Duration.ofSeconds(5)).current();
            assertThat(read.chain()).containsExactlyElementsOf(leaf.chain());
            assertThat(((java.security.interfaces.ECPrivateKey) read.key()).getS())
                    .isEqualTo(((java.security.interfaces.ECPrivateKey) leaf.key()).getS());
        }
    }

    @Test
    void readsPkcs8KeysAndRsaCertificates() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=s3.example");
        X509Certificate self = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                name, BigInteger.ONE, new Date(), Date.from(Instant.now().plus(Duration.ofDays(1))), name,
                pair.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        Path cert = write("cert.pem", Pem.encode(self));
        Path key = write("key.pem", pkcs8(pair.getPrivate()));
        assertThat(Pem.keyMaterial(cert, key).key()).isEqualTo(pair.getPrivate());
    }

    @Test
    void refusesAKeyThatIsNotTheCertificatesAndEncryptedKeys() throws Exception {
        Path cert = write("cert.pem", Pem.encode(leaf().certificate()));
        Path other = write("other.pem", pkcs8(leaf().key()));
        assertThatThrownBy(() -> Pem.keyMaterial(cert, other)).isInstanceOf(IOException.class)
                .hasMessageContaining("is not the key of the first certificate");
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaPKCS8Generator(leaf().key(), new JceOpenSSLPKCS8EncryptorBuilder(
                    JcaPKCS8Generator.AES_256_CBC).setProvider(new BouncyCastleProvider()).setPassword("secret".toCharArray())
                    .build()));
        }
        Path encrypted = write("encrypted.pem", text.toString());
        assertThatThrownBy(() -> Pem.privateKey(encrypted)).hasMessageContaining("encrypted key");
        Path empty = write("empty.pem", "nothing here\n");
        assertThatThrownBy(() -> Pem.certificates(empty)).hasMessageContaining("holds no PEM certificate");
        assertThatThrownBy(() -> Pem.privateKey(empty)).hasMessageContaining("holds no PEM private key");
    }

    @Test
    void servesTheNewPairOnceBothFilesAreWritten() throws IOException {
        KeyMaterial first = leaf();
        Path cert = write("cert.pem", Pem.encode(first.certificate()));
        Path key = write("key.pem", pkcs8(first.key()));
        CertificateFiles files = CertificateFiles.load(cert, key, Duration.ZERO);
        assertThat(files.current().certificate()).isEqualTo(first.certificate());

        KeyMaterial renewed = leaf();
        write("cert.pem", Pem.encode(renewed.certificate()));
        touch(cert, 10);
        assertThat(files.current().certificate()).as("the new certificate with the old key: not yet")
                .isEqualTo(first.certificate());
        write("key.pem", pkcs8(renewed.key()));
        touch(key, 20);
        assertThat(files.current().certificate()).isEqualTo(renewed.certificate());
        assertThat(files.current().key()).isEqualTo(renewed.key());
    }

    private static KeyMaterial leaf() {
        return CA.issue("s3.example", List.of("s3.example"), Instant.now(), Duration.ofDays(90));
    }

    /** {@code openssl genpkey}'s form. */
    private static String pkcs8(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(
                key.getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    /** {@code openssl ecparam -genkey}'s form: SEC 1, naming its curve. */
    private static String sec1(PrivateKey key) throws IOException {
        ECPrivateKey inner = ECPrivateKey.getInstance(PrivateKeyInfo.getInstance(key.getEncoded()).parsePrivateKey());
        ECPrivateKey named = new ECPrivateKey(256, inner.getKey(), new X962Parameters(SECObjectIdentifiers.secp256r1));
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject("EC PRIVATE KEY", named.getEncoded()));
        }
        return text.toString();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    /** File systems with coarse timestamps would otherwise see no change. */
    private static void touch(Path file, int secondsLater) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(secondsLater)));
    }
}
