package io.cairn.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ClusterSecret, SecretSealer and AccessKeys. */
class SecretsTest {
    private final ClusterSecret secret = ClusterSecret.generate();
    private final SecretSealer sealer = new SecretSealer(secret);

    @Test
    void sealsAndUnseals() {
        String sealed = sealer.seal("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "CKEXAMPLE");
        assertThat(sealed).doesNotContain("wJalr");
        assertThat(Base64.getDecoder().decode(sealed)).hasSize(1 + 12 + 40 + 16).startsWith(1);
        assertThat(sealer.unseal(sealed, "CKEXAMPLE")).isEqualTo("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        assertThat(new SecretSealer(ClusterSecret.parse(secret.hex())).unseal(sealed, "CKEXAMPLE"))
                .isEqualTo("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        assertThat(sealer.unseal(sealer.seal("", "k"), "k")).isEmpty();
        assertThat(sealer.unseal(sealer.seal("sécret ✓", "k"), "k")).isEqualTo("sécret ✓");
    }

    @Test
    void twoSealsOfTheSameSecretDiffer() {
        assertThat(sealer.seal("secret", "k")).isNotEqualTo(sealer.seal("secret", "k"));
    }

    @Test
    void refusesTamperedSecrets() {
        byte[] bytes = Base64.getDecoder().decode(sealer.seal("secret", "k"));
        for (int i = 1; i < bytes.length; i++) {
            byte[] tampered = bytes.clone();
            tampered[i] ^= 1;
            assertUnsealFails(sealer, Base64.getEncoder().encodeToString(tampered), "k",
                    "cannot unseal the secret for 'k': it was sealed under another cluster secret or for another"
                            + " context, or altered");
        }
    }

    @Test
    void refusesAnotherContext() {
        assertUnsealFails(sealer, sealer.seal("secret", "CKALICE"), "CKBOB", "for another context");
    }

    @Test
    void refusesAnotherClusterSecret() {
        assertUnsealFails(new SecretSealer(ClusterSecret.generate()), sealer.seal("secret", "k"), "k",
                "under another cluster secret");
    }

    @Test
    void refusesWhatIsNotASealedSecret() {
        assertUnsealFails(sealer, "not base64!", "k", "it is not base64");
        assertUnsealFails(sealer, Base64.getEncoder().encodeToString(new byte[10]), "k", "too short");
        byte[] bytes = Base64.getDecoder().decode(sealer.seal("secret", "k"));
        bytes[0] = 2;
        assertUnsealFails(sealer, Base64.getEncoder().encodeToString(bytes), "k", "format version 2 is unknown");
    }

    private static void assertUnsealFails(SecretSealer sealer, String sealed, String context, String message) {
        assertThatThrownBy(() -> sealer.unseal(sealed, context)).isInstanceOf(CairnException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((CairnException) e).code()).isEqualTo(ErrorCode.INTERNAL);
    }

    @Test
    void clusterSecretRoundTripsAsHexAndNeverPrintsItself() {
        assertThat(secret.hex()).hasSize(64).matches("[0-9a-f]+");
        assertThat(ClusterSecret.parse(secret.hex().toUpperCase())).isEqualTo(secret);
        assertThat(secret.toString()).isEqualTo("ClusterSecret[****]").doesNotContain(secret.hex());
        assertThat(ClusterSecret.generate()).isNotEqualTo(secret);
        byte[] bytes = secret.bytes();
        bytes[0] ^= 1;
        assertThat(secret.bytes()).isNotEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdefg",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg"})
    void clusterSecretRefusesOtherText(String hex) {
        assertThatThrownBy(() -> ClusterSecret.parse(hex)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a cluster secret is 64 hex digits (32 bytes)")
                .satisfies(e -> assertThat(hex.isEmpty() || !e.getMessage().contains(hex)).isTrue());
    }

    @Test
    void derivesIndependentKeysPerPurpose() {
        assertThat(secret.derive("a", 32)).hasSize(32).isEqualTo(secret.derive("a", 32))
                .isNotEqualTo(secret.derive("b", 32));
        assertThat(secret.derive("a", 16)).isEqualTo(java.util.Arrays.copyOf(secret.derive("a", 32), 16));
        assertThat(ClusterSecret.generate().derive("a", 32)).isNotEqualTo(secret.derive("a", 32));
    }

    @Test
    void generatesAccessKeys() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = AccessKeys.generateAccessKeyId();
            assertThat(id).hasSize(20).startsWith("CK").matches("[A-Z0-9]+");
            assertThat(AccessKeys.validateAccessKeyId(id)).isEqualTo(id);
            String key = AccessKeys.generateSecretKey();
            assertThat(key).hasSize(40).matches("[A-Za-z0-9_-]+");
            assertThat(AccessKeys.validateSecretKey(key)).isEqualTo(key);
            ids.add(id);
        }
        assertThat(ids).hasSize(1000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "minio-admin", "user.name_1", "AKIAIOSFODNN7EXAMPLE"})
    void acceptsAccessKeyIds(String id) {
        assertThat(AccessKeys.validateAccessKeyId(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ab", "has space", "a/b", "a=b", "ключ"})
    void refusesAccessKeyIds(String id) {
        assertThatThrownBy(() -> AccessKeys.validateAccessKeyId(id)).isInstanceOf(CairnException.class)
                .hasMessage("an access key id is 3 to 128 letters, digits, '.', '_' or '-'");
        assertThatThrownBy(() -> AccessKeys.validateAccessKeyId("a".repeat(129))).isInstanceOf(CairnException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345678", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "!#$%&'()*+,-./:;<=>?@[]^_`{|}~"})
    void acceptsSecretKeys(String secretKey) {
        assertThat(AccessKeys.validateSecretKey(secretKey)).isEqualTo(secretKey);
    }

    @Test
    void refusesSecretKeysWithoutEchoingThem() {
        assertThatThrownBy(() -> AccessKeys.validateSecretKey("short")).hasMessage(
                "a secret key is 8 to 128 characters long");
        assertThatThrownBy(() -> AccessKeys.validateSecretKey("x".repeat(129))).hasMessage(
                "a secret key is 8 to 128 characters long");
        assertThatThrownBy(() -> AccessKeys.validateSecretKey("has a space")).hasMessage(
                "a secret key is printable ASCII without spaces");
        assertThatThrownBy(() -> AccessKeys.validateSecretKey("pässwörd!")).hasMessage(
                "a secret key is printable ASCII without spaces");
    }
}
