package io.cairn.controller;

import io.cairn.api.ClusterKey;
import io.cairn.api.EnrollRequest;
import io.cairn.api.EnrollResponse;
import io.cairn.api.JoinToken;
import io.cairn.api.NewJoinToken;
import io.cairn.auth.ClusterSecret;
import io.cairn.auth.JoinSecret;
import io.cairn.auth.SecretSealer;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.model.JoinTokenRecord;
import io.cairn.meta.MetaCommand;
import io.cairn.meta.MetaReader;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * v2 join tokens on the controller: creating them (the token's secret sealed under the cluster's master key before
 * the command is logged, as users' secrets are) and redeeming them. A redemption proves the token's secret without
 * sending it, and is answered with the cluster secret sealed for the token's holder alone; whether the token still has
 * a use is decided when the {@link MetaCommand.UseJoinToken} is applied, in log order, so two processes racing with a
 * single-use token cannot both get it.
 */
public final class JoinTokens {
    static final Duration MAX_TTL = Duration.ofDays(30);
    static final int MAX_USES = 1000;

    private final MetaReader reader;
    private final MetadataCommands commands;
    private final SecretSealer sealer;
    private final ClusterSecret clusterSecret;
    private final String clusterId;
    private final Clock clock;

    JoinTokens(MetaReader reader, MetadataCommands commands, ClusterSecret clusterSecret, String clusterId,
               Clock clock) {
        this.reader = reader;
        this.commands = commands;
        this.sealer = new SecretSealer(clusterSecret);
        this.clusterSecret = clusterSecret;
        this.clusterId = clusterId;
        this.clock = clock;
    }

    NewJoinToken create(long ttlSeconds, int uses) {
        if (ttlSeconds < 1 || ttlSeconds > MAX_TTL.toSeconds()) {
            throw CairnException.invalidArgument("a join token lives 1 s to " + MAX_TTL.toDays() + " days, not "
                    + ttlSeconds + " s");
        }
        if (uses < 1 || uses > MAX_USES) {
            throw CairnException.invalidArgument("a join token has 1 to " + MAX_USES + " uses, not " + uses);
        }
        JoinToken.Enrollment token = JoinToken.Enrollment.generate();
        long now = clock.millis();
        JoinTokenRecord stored = commands.submit(new MetaCommand.CreateJoinToken(token.id(),
                sealer.seal(token.secret().hex(), context(token.id())), now, now + ttlSeconds * 1000, uses),
                JoinTokenRecord.class);
        return new NewJoinToken(token.text(), stored.id(), Times.iso(stored.expiresAt()), stored.usesLeft());
    }

    /**
     * Redeems a token: the time within {@link ClusterKey#MAX_SKEW}, the proof of the token's secret, then one use
     * spent in the log.
     *
     * @throws CairnException UNAUTHORIZED with one message whether the id is unknown, the proof wrong, or the token
     *                        expired or used up (an id alone is worth nothing to learn, but neither is it told)
     */
    public EnrollResponse enroll(EnrollRequest request) {
        if (request == null || request.id() == null || request.proof() == null) {
            throw refused();
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - request.time()) > ClusterKey.MAX_SKEW.toSeconds()) {
            throw new CairnException(ErrorCode.UNAUTHORIZED, "the enrollment's time is more than "
                    + ClusterKey.MAX_SKEW.toMinutes() + " minutes from this controller's clock: is a clock off?");
        }
        // Fresh: a token created a moment ago through another controller must be found here too.
        commands.fresh();
        Optional<JoinTokenRecord> stored = reader.joinToken(request.id());
        if (stored.isEmpty()) {
            throw refused();
        }
        JoinSecret secret = JoinSecret.parse(sealer.unseal(stored.get().sealedSecret(), context(request.id())));
        if (!secret.verify(request.id(), request.time(), request.proof())) {
            throw refused();
        }
        // Not a check of the use: the state machine refuses it if the token expired or was used meanwhile.
        commands.submit(new MetaCommand.UseJoinToken(request.id(), clock.millis()), JoinTokenRecord.class);
        return new EnrollResponse(clusterId, secret.seal(clusterSecret, request.id()));
    }

    /** What a token's secret is sealed for: its id, so a sealed secret copied to another record does not open. */
    private static String context(String id) {
        return "join-token:" + id;
    }

    private static CairnException refused() {
        return new CairnException(ErrorCode.UNAUTHORIZED, MetaCommand.UseJoinToken.REFUSED);
    }
}
