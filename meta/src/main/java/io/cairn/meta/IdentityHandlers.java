package io.cairn.meta;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.Names;
import io.cairn.core.model.AccessKeyRecord;
import io.cairn.core.model.PolicyRecord;
import io.cairn.core.model.UserRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Users, their access keys and the named policies they have. Documents and secrets arrive checked and sealed by the
 * proposer; what is checked here is what depends on the state, in log order: names are unique, a key's user exists, a
 * user's policies exist, and a policy stays while a user has it.
 */
final class IdentityHandlers {
    private static final int MAX_ACCESS_KEY_ID_LENGTH = 128;

    private IdentityHandlers() {
    }

    static UserRecord createUser(MetaCommand.CreateUser command, Tx tx) {
        String name = Names.user(command.name());
        if (tx.user(name) != null) {
            throw new CairnException(ErrorCode.ALREADY_EXISTS, "user '" + name + "' already exists");
        }
        requirePolicies(command.policies(), tx);
        UserRecord user = new UserRecord(name, command.at(), true, command.policies());
        tx.putUser(user);
        return user;
    }

    static UserRecord setUserEnabled(MetaCommand.SetUserEnabled command, Tx tx) {
        UserRecord updated = tx.requireUser(command.name()).withEnabled(command.enabled());
        tx.putUser(updated);
        return updated;
    }

    static UserRecord changeUserPolicy(MetaCommand.ChangeUserPolicy command, Tx tx) {
        UserRecord user = tx.requireUser(command.name());
        List<String> policies = new ArrayList<>(user.policies());
        if (command.attach()) {
            if (policies.contains(command.policy())) {
                throw new CairnException(ErrorCode.ALREADY_EXISTS, "user '" + user.name() + "' already has policy '"
                        + command.policy() + "'");
            }
            requirePolicies(List.of(command.policy()), tx);
            policies.add(command.policy());
        } else if (!policies.remove(command.policy())) {
            throw new CairnException(ErrorCode.NOT_FOUND, "policy '" + command.policy() + "' is not attached to user '"
                    + user.name() + "'");
        }
        UserRecord updated = user.withPolicies(policies);
        tx.putUser(updated);
        return updated;
    }

    static UserRecord setUserPolicies(MetaCommand.SetUserPolicies command, Tx tx) {
        UserRecord user = tx.requireUser(command.name());
        requirePolicies(command.policies(), tx);
        UserRecord updated = user.withPolicies(command.policies());
        tx.putUser(updated);
        return updated;
    }

    /** The user's keys go with it: a key whose user is gone must not authenticate, nor pass to a new namesake. */
    static UserRecord deleteUser(MetaCommand.DeleteUser command, Tx tx) {
        UserRecord user = tx.requireUser(command.name());
        for (AccessKeyRecord key : tx.storedAccessKeys()) {
            if (key.user().equals(user.name())) {
                tx.deleteAccessKey(key.accessKeyId());
            }
        }
        tx.deleteUser(user.name());
        return user;
    }

    static AccessKeyRecord createAccessKey(MetaCommand.CreateAccessKey command, Tx tx) {
        String id = command.accessKeyId();
        // Printable ASCII: ids are stored as keys (Keys), where a malformed string could alias another.
        if (id.isEmpty() || id.length() > MAX_ACCESS_KEY_ID_LENGTH || !id.chars().allMatch(c -> c > ' ' && c < 0x7F)) {
            throw new CairnException(ErrorCode.INVALID_ARGUMENT, "an access key id must be 1 to "
                    + MAX_ACCESS_KEY_ID_LENGTH + " printable ASCII characters");
        }
        if (tx.accessKey(id) != null) {
            throw new CairnException(ErrorCode.ALREADY_EXISTS, "access key '" + id + "' already exists");
        }
        UserRecord user = tx.requireUser(command.user());
        AccessKeyRecord key = new AccessKeyRecord(id, user.name(), command.label(), command.sealedSecret(),
                command.at(), true);
        tx.putAccessKey(key);
        return key;
    }

    static AccessKeyRecord setAccessKeyEnabled(MetaCommand.SetAccessKeyEnabled command, Tx tx) {
        AccessKeyRecord updated = tx.requireAccessKey(command.accessKeyId()).withEnabled(command.enabled());
        tx.putAccessKey(updated);
        return updated;
    }

    static AccessKeyRecord deleteAccessKey(MetaCommand.DeleteAccessKey command, Tx tx) {
        AccessKeyRecord key = tx.requireAccessKey(command.accessKeyId());
        tx.deleteAccessKey(key.accessKeyId());
        return key;
    }

    static PolicyRecord putPolicy(MetaCommand.PutPolicy command, Tx tx) {
        String name = requireNotCanned(Names.policy(command.name()), "replaced");
        PolicyRecord existing = tx.policy(name);
        PolicyRecord policy = new PolicyRecord(name, command.document(),
                existing == null ? command.at() : existing.createdAt());
        tx.putPolicy(policy);
        return policy;
    }

    /** Refused while a user has the policy: what that user may do would change without anyone saying so. */
    static PolicyRecord deletePolicy(MetaCommand.DeletePolicy command, Tx tx) {
        String name = requireNotCanned(command.name(), "deleted");
        PolicyRecord policy = tx.policy(name);
        if (policy == null) {
            throw new CairnException(ErrorCode.NOT_FOUND, "no policy '" + name + "'");
        }
        for (UserRecord user : tx.storedUsers()) {
            if (user.policies().contains(name)) {
                throw new CairnException(ErrorCode.CONFLICT, "policy '" + name + "' is attached to user '"
                        + user.name() + "'");
            }
        }
        tx.deletePolicy(name);
        return policy;
    }

    private static void requirePolicies(List<String> names, Tx tx) {
        for (String name : names) {
            if (!UserRecord.CANNED_POLICIES.contains(name) && tx.policy(name) == null) {
                throw new CairnException(ErrorCode.NOT_FOUND, "no policy '" + name + "'");
            }
        }
    }

    /** A canned policy's document is code, the same on every node and version: a stored one must not shadow it. */
    private static String requireNotCanned(String name, String what) {
        if (UserRecord.CANNED_POLICIES.contains(name)) {
            throw new CairnException(ErrorCode.INVALID_ARGUMENT, "'" + name + "' is a canned policy and cannot be "
                    + what);
        }
        return name;
    }
}
