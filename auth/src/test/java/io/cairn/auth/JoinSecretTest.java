package io.cairn.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** A join token's secret: the proof of holding it, and the cluster secret sealed for its holder alone. */
class JoinSecretTest {
    private final JoinSecret secret = JoinSecret.generate();
    private final ClusterSecret cluster = ClusterSecret.generate();

    @Test
    void isSixteenRandomBytesThatParseBackAndNeverShow() {
        assertThat(secret.hex()).hasSize(32).matches("[0-9a-f]+");
        assertThat(JoinSecret.parse(secret.hex()).hex()).isEqualTo(secret.hex());
        assertThat(JoinSecret.generate().hex()).isNotEqualTo(secret.hex());
        assertThat(secret.toString()).doesNotContain(secret.hex());
        for (String bad : new String[] {"", "abc", "g".repeat(32), "a".repeat(34)}) {
            assertThatThrownBy(() -> JoinSecret.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining(bad.isEmpty() ? "\u0000" : bad);
        }
    }

    /** HMAC-SHA256 of "cairn-enroll-v2|id|time" under the secret, checked against Python's hmac module. */
    @Test
    void theProofIsTheHmacOfTheIdAndTime() {
        JoinSecret known = JoinSecret.parse("000102030405060708090a0b0c0d0e0f");
        assertThat(known.proof("0123456789abcdef", 1764000000L))
                .isEqualTo("RquCJ8C1M4sycOl2Rj2rBvr1ZqnD6VmTknBTnjKVTaU");
    }

    @Test
    void aProofHoldsForItsIdAndTimeAndSecretOnly() {
        String proof = secret.proof("0123456789abcdef", 1000);
        assertThat(secret.verify("0123456789abcdef", 1000, proof)).isTrue();
        assertThat(secret.verify("0123456789abcdee", 1000, proof)).isFalse();
        assertThat(secret.verify("0123456789abcdef", 1001, proof)).isFalse();
        assertThat(JoinSecret.generate().verify("0123456789abcdef", 1000, proof)).isFalse();
        assertThat(secret.verify("0123456789abcdef", 1000, null)).isFalse();
        assertThat(secret.verify("0123456789abcdef", 1000, "")).isFalse();
    }

    @Test
    void sealsTheClusterSecretForTheHolderOfThisSecretAndIdOnly() {
        String sealed = secret.seal(cluster, "0123456789abcdef");
        assertThat(sealed).doesNotContain(cluster.hex());
        assertThat(secret.seal(cluster, "0123456789abcdef")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(secret.open(sealed, "0123456789abcdef")).isEqualTo(cluster);
        assertThat(JoinSecret.parse(secret.hex()).open(sealed, "0123456789abcdef")).isEqualTo(cluster);

        assertThatThrownBy(() -> JoinSecret.generate().open(sealed, "0123456789abcdef"))
                .as("another token's secret").isInstanceOf(CairnException.class);
        assertThatThrownBy(() -> secret.open(sealed, "0123456789abcdee")).as("another id")
                .isInstanceOf(CairnException.class);
        // Sealed under the cluster's master key (as stored secrets are) is not sealed for the token's holder.
        assertThatThrownBy(() -> secret.open(new SecretSealer(cluster).seal(cluster.hex(),
                "cairn-join-v2|0123456789abcdef"), "0123456789abcdef")).isInstanceOf(CairnException.class);
    }

    @Test
    void anAlteredAnswerDoesNotOpen() {
        byte[] bytes = Base64.getDecoder().decode(secret.seal(cluster, "0123456789abcdef"));
        for (int i = 1; i < bytes.length; i += 7) {
            byte[] altered = bytes.clone();
            altered[i] ^= 1;
            String text = Base64.getEncoder().encodeToString(altered);
            assertThatThrownBy(() -> secret.open(text, "0123456789abcdef")).as("byte " + i)
                    .isInstanceOf(CairnException.class);
        }
    }
}
