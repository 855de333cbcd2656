package io.cairn.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The two token formats: v2, an id and a secret that opens the cluster secret; v1, the cluster secret itself. */
class JoinTokenTest {
    @Test
    void aV2TokenIsAnIdAndASecretThatParseBack() {
        JoinToken.Enrollment token = JoinToken.Enrollment.generate();
        assertThat(token.text()).matches("cairn-join-v2-[0-9a-f]{16}\\.[0-9a-f]{32}");
        assertThat(JoinToken.parse("  " + token.text() + "\n")).isInstanceOfSatisfying(JoinToken.Enrollment.class,
                parsed -> {
                    assertThat(parsed.id()).isEqualTo(token.id());
                    assertThat(parsed.secret().hex()).isEqualTo(token.secret().hex());
                    assertThat(parsed.text()).isEqualTo(token.text());
                });
        assertThat(JoinToken.Enrollment.generate().id()).isNotEqualTo(token.id());
        assertThat(token.toString()).contains(token.id()).doesNotContain(token.secret().hex());
    }

    @Test
    void aV1TokenIsTheClusterSecret() {
        ClusterKey key = ClusterKey.generate();
        assertThat(JoinToken.of(key)).isEqualTo("cairn-join-v1-" + key.hex());
        assertThat(JoinToken.parse(JoinToken.of(key))).isInstanceOfSatisfying(JoinToken.ClusterSecretToken.class,
                v1 -> assertThat(v1.key().hex()).isEqualTo(key.hex()));
    }

    @Test
    void malformedTokensAreRefusedWithoutEchoingThem() {
        String secret = "0123456789abcdef0123456789abcdef";
        for (String bad : new String[] {"", "hello", "cairn-join-v3-abc", "cairn-join-v2-" + secret,
                "cairn-join-v2-0123456789ABCDEF." + secret, "cairn-join-v2-0123456789abcdef." + secret + "00",
                "cairn-join-v2-0123456789abcde." + secret, "cairn-join-v1-" + secret}) {
            assertThatThrownBy(() -> JoinToken.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining(secret);
        }
    }
}
