package io.cairn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.api.ClusterKey;
import io.cairn.api.JoinToken;
import io.cairn.app.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a process's cluster secret comes from; redeeming a v2 token at a real controller is JoinTokenIT's. */
class ClusterMembershipTest {
    /** Nothing listens there: a test that reached it would fail. */
    private static final List<String> NOBODY = List.of("http://127.0.0.1:1");

    @TempDir
    Path dir;

    @Test
    void aV1TokenOrTheVariableIsTheSecretAndIsKeptInTheDataDirectory() throws Exception {
        ClusterKey key = ClusterKey.generate();
        assertThat(ClusterMembership.resolve(dir, JoinToken.of(key), null, NOBODY, false).hex()).isEqualTo(key.hex());
        Path file = dir.resolve("cluster.secret");
        assertThat(Files.readString(file).strip()).isEqualTo(key.hex());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(ClusterMembership.resolve(dir, null, key.hex(), List.of(), false).hex()).isEqualTo(key.hex());
        assertThatThrownBy(() -> ClusterMembership.resolve(dir, JoinToken.of(ClusterKey.generate()), null, NOBODY,
                false)).isInstanceOf(ConfigException.class).hasMessageContaining("another cluster");
    }

    /** A restart: the secret kept from the first start wins, and the token is not redeemed (nor reachable) again. */
    @Test
    void aStoredSecretWinsOverAV2TokenWithoutAskingAnyController() {
        ClusterKey key = ClusterKey.generate();
        ClusterMembership.resolve(dir, null, key.hex(), List.of(), false);
        String token = JoinToken.Enrollment.generate().text();
        assertThat(ClusterMembership.resolve(dir, token, null, NOBODY, false).hex()).isEqualTo(key.hex());
    }

    @Test
    void aV2TokenNeedsAControllerToBeRedeemedAt() {
        String token = JoinToken.Enrollment.generate().text();
        assertThatThrownBy(() -> ClusterMembership.resolve(dir, token, null, List.of(), true))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--controller");
        assertThatThrownBy(() -> ClusterMembership.resolve(null, token, null, NOBODY, false))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no controller took the join token")
                .hasMessageContaining("127.0.0.1:1");
        assertThat(dir.resolve("cluster.secret")).doesNotExist();
    }

    @Test
    void aMalformedTokenNamesTheFlagNotTheValue() {
        assertThatThrownBy(() -> ClusterMembership.resolve(dir, "cairn-join-v2-nothex.secret", null, NOBODY, false))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("--join-token: ")
                .hasMessageNotContaining("nothex");
        assertThatThrownBy(() -> ClusterMembership.resolve(dir, null, "abc", NOBODY, false))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("--cluster-secret: ");
    }
}
