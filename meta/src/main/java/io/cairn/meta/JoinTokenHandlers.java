package io.cairn.meta;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.model.JoinTokenRecord;
import java.util.regex.Pattern;

/**
 * v2 join tokens. Whether a token may still be used is decided here, at apply time in log order, never by whoever
 * proposes the use: two processes redeeming a single-use token at once through two controllers meet in the log, and
 * the second is refused.
 */
final class JoinTokenHandlers {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");
    private static final int MAX_USES = 1000;

    private JoinTokenHandlers() {
    }

    static JoinTokenRecord create(MetaCommand.CreateJoinToken command, Tx tx) {
        // The id is stored as a key (Keys): a malformed one could alias another record's.
        if (!ID.matcher(command.id()).matches()) {
            throw new CairnException(ErrorCode.INVALID_ARGUMENT, "a join token's id is 16 lower-case hex digits");
        }
        if (command.uses() < 1 || command.uses() > MAX_USES) {
            throw new CairnException(ErrorCode.INVALID_ARGUMENT, "a join token has 1 to " + MAX_USES + " uses, not "
                    + command.uses());
        }
        if (command.expiresAt() <= command.at()) {
            throw new CairnException(ErrorCode.INVALID_ARGUMENT, "a join token must expire after it is created");
        }
        if (tx.joinToken(command.id()) != null) {
            throw new CairnException(ErrorCode.ALREADY_EXISTS, "join token '" + command.id() + "' already exists");
        }
        for (JoinTokenRecord stored : tx.storedJoinTokens()) {
            if (stored.expiresAt() <= command.at()) {
                tx.deleteJoinToken(stored.id());
            }
        }
        JoinTokenRecord token = new JoinTokenRecord(command.id(), command.sealedSecret(), command.at(),
                command.expiresAt(), command.uses());
        tx.putJoinToken(token);
        return token;
    }

    static JoinTokenRecord use(MetaCommand.UseJoinToken command, Tx tx) {
        JoinTokenRecord token = tx.joinToken(command.id());
        if (token == null || command.at() >= token.expiresAt() || token.usesLeft() < 1) {
            throw new CairnException(ErrorCode.UNAUTHORIZED, MetaCommand.UseJoinToken.REFUSED);
        }
        JoinTokenRecord used = token.used();
        if (used.usesLeft() == 0) {
            tx.deleteJoinToken(used.id());
        } else {
            tx.putJoinToken(used);
        }
        return used;
    }
}
