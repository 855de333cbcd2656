package io.cairn.app;

import io.cairn.api.ClusterKey;
import io.cairn.api.JoinToken;
import io.cairn.app.config.ConfigException;
import io.cairn.client.Enrollment;
import io.cairn.core.CairnException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a process comes by the cluster secret, in this order: {@code <data>/cluster.secret} if it has one (so a restart
 * needs nothing again); else a v2 join token, redeemed at a controller; else a v1 token or {@code CLUSTER_SECRET}, the
 * secret itself; else a new one, for a process that founds a cluster. What a token or the variable gave is kept in
 * {@code cluster.secret} ({@link ClusterSecretFile}); a gateway without a data directory keeps it in memory, and
 * redeems a v2 token again at each start.
 */
public final class ClusterMembership {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterMembership.class);
    /** How long the enrollment call may take at each controller. */
    static final Duration ENROLL_TIMEOUT = Duration.ofSeconds(10);

    private ClusterMembership() {
    }

    /**
     * @param dir            where the process keeps the secret; null for a process without a data directory
     * @param token          {@code --join-token}, or null
     * @param hex            {@code --cluster-secret}, or null; a token wins
     * @param controllerUrls where a v2 token is redeemed; may be empty for a process given none
     * @param create         whether this process may found a cluster when given nothing
     * @throws ConfigException naming the flag that is wrong, or why a v2 token was refused
     */
    public static ClusterKey resolve(Path dir, String token, String hex, List<String> controllerUrls,
                                     boolean create) {
        JoinToken parsed;
        ClusterKey given;
        try {
            parsed = token == null ? null : JoinToken.parse(token);
            given = hex == null || parsed != null ? null : ClusterKey.parse(hex);
        } catch (IllegalArgumentException e) {
            throw new ConfigException((token != null ? "--join-token: " : "--cluster-secret: ") + e.getMessage());
        }
        return switch (parsed) {
            case JoinToken.ClusterSecretToken v1 -> ClusterSecretFile.resolve(dir, v1.key(), create);
            case JoinToken.Enrollment v2 -> enroll(dir, v2, controllerUrls, create);
            case null -> ClusterSecretFile.resolve(dir, given, create);
        };
    }

    private static ClusterKey enroll(Path dir, JoinToken.Enrollment token, List<String> controllerUrls,
                                     boolean create) {
        if (dir != null && Files.exists(dir.resolve(ClusterSecretFile.NAME))) {
            // Redeeming it again would spend a use for a secret this process already has.
            LOG.info("{} holds the cluster secret: join token {} is not used", dir.resolve(ClusterSecretFile.NAME),
                    token.id());
            return ClusterSecretFile.resolve(dir, null, create);
        }
        if (controllerUrls.isEmpty()) {
            throw new ConfigException("--join-token: a " + JoinToken.V2_PREFIX + " token is redeemed at a running "
                    + "controller: give its URL with --controller (CONTROLLER_URL)");
        }
        ClusterKey key;
        try {
            key = new ClusterKey(Enrollment.redeem(token, controllerUrls, ENROLL_TIMEOUT));
        } catch (CairnException e) {
            throw new ConfigException("--join-token: " + e.getMessage());
        }
        return ClusterSecretFile.resolve(dir, key, create);
    }
}
