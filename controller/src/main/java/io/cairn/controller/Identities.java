package io.cairn.controller;

import io.cairn.api.AccessKeyInfo;
import io.cairn.api.IdentityService;
import io.cairn.api.KeyIdentity;
import io.cairn.api.NewAccessKey;
import io.cairn.api.NewJoinToken;
import io.cairn.api.PolicyInfo;
import io.cairn.api.UserInfo;
import io.cairn.auth.AccessKeys;
import io.cairn.auth.CannedPolicy;
import io.cairn.auth.Policy;
import io.cairn.auth.SecretSealer;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.model.AccessKeyRecord;
import io.cairn.core.model.PolicyRecord;
import io.cairn.core.model.UserRecord;
import io.cairn.meta.MetaCommand;
import io.cairn.meta.MetaReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link IdentityService} on the controller. Secrets are sealed here, before the command is logged, so neither the
 * Raft log nor RocksDB ever holds one in the clear; whether a name exists, a policy is attached or a user is still
 * there when a key is added is decided by the state machine when the command is applied.
 */
public final class Identities implements IdentityService {
    private final MetaReader reader;
    private final MetadataCommands commands;
    private final SecretSealer sealer;
    private final JoinTokens joinTokens;
    private final Clock clock;

    Identities(MetaReader reader, MetadataCommands commands, SecretSealer sealer, JoinTokens joinTokens, Clock clock) {
        this.reader = reader;
        this.commands = commands;
        this.sealer = sealer;
        this.joinTokens = joinTokens;
        this.clock = clock;
    }

    @Override
    public UserInfo createUser(String name, List<String> policies) {
        return view(commands.submit(new MetaCommand.CreateUser(name, clock.millis(), listOrEmpty(policies)),
                UserRecord.class));
    }

    @Override
    public UserInfo setUserEnabled(String name, boolean enabled) {
        return view(commands.submit(new MetaCommand.SetUserEnabled(name, enabled), UserRecord.class));
    }

    @Override
    public UserInfo setUserPolicies(String name, List<String> policies) {
        return view(commands.submit(new MetaCommand.SetUserPolicies(name, listOrEmpty(policies)), UserRecord.class));
    }

    @Override
    public UserInfo changeUserPolicy(String name, String policy, boolean attach) {
        return view(commands.submit(new MetaCommand.ChangeUserPolicy(name, policy, attach), UserRecord.class));
    }

    @Override
    public void deleteUser(String name) {
        commands.submit(new MetaCommand.DeleteUser(name), UserRecord.class);
    }

    @Override
    public List<UserInfo> users() {
        commands.fresh();
        return reader.users().stream().map(Identities::view).toList();
    }

    /**
     * The same request again (a gateway retrying through another controller after a lost reply) answers the key its
     * first attempt made rather than ALREADY_EXISTS: the gateway chose the id and secret, so an existing key of that
     * id, for that user, whose sealed secret opens to the same secret is that attempt's.
     */
    @Override
    public NewAccessKey createAccessKey(String user, String label, String accessKey, String secretKey) {
        String id = accessKey == null ? AccessKeys.generateAccessKeyId() : AccessKeys.validateAccessKeyId(accessKey);
        String secret = secretKey == null ? AccessKeys.generateSecretKey() : AccessKeys.validateSecretKey(secretKey);
        AccessKeyRecord key;
        try {
            key = commands.submit(new MetaCommand.CreateAccessKey(id, user, label, sealer.seal(secret, id),
                    clock.millis()), AccessKeyRecord.class);
        } catch (CairnException e) {
            if (e.code() != ErrorCode.ALREADY_EXISTS) {
                throw e;
            }
            key = sameRequest(id, user, secret).orElseThrow(() -> e);
        }
        return new NewAccessKey(key.accessKeyId(), secret, key.user(), key.label(), Times.iso(key.createdAt()));
    }

    private Optional<AccessKeyRecord> sameRequest(String id, String user, String secret) {
        commands.fresh();
        return reader.accessKey(id).filter(k -> k.user().equals(user)
                && MessageDigest.isEqual(sealer.unseal(k.sealedSecret(), id).getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public List<AccessKeyInfo> accessKeys(String user) {
        commands.fresh();
        if (user != null && reader.user(user).isEmpty()) {
            throw new CairnException(ErrorCode.NOT_FOUND, "no user '" + user + "'");
        }
        return reader.accessKeys().stream().filter(k -> user == null || k.user().equals(user))
                .map(Identities::view).toList();
    }

    @Override
    public AccessKeyInfo setAccessKeyEnabled(String accessKey, boolean enabled) {
        return view(commands.submit(new MetaCommand.SetAccessKeyEnabled(accessKey, enabled), AccessKeyRecord.class));
    }

    @Override
    public void deleteAccessKey(String accessKey) {
        commands.submit(new MetaCommand.DeleteAccessKey(accessKey), AccessKeyRecord.class);
    }

    @Override
    public PolicyInfo putPolicy(String name, String document) {
        Policy.parse(document);
        return view(commands.submit(new MetaCommand.PutPolicy(name, document, clock.millis()), PolicyRecord.class));
    }

    @Override
    public PolicyInfo policy(String name) {
        commands.fresh();
        return resolve(name).orElseThrow(() -> new CairnException(ErrorCode.NOT_FOUND, "no policy '" + name + "'"));
    }

    @Override
    public List<PolicyInfo> policies() {
        commands.fresh();
        List<PolicyInfo> all = new ArrayList<>();
        CannedPolicy.names().stream().sorted().forEach(name -> all.add(resolve(name).orElseThrow()));
        reader.policies().forEach(p -> all.add(view(p)));
        return all;
    }

    @Override
    public void deletePolicy(String name) {
        commands.submit(new MetaCommand.DeletePolicy(name), PolicyRecord.class);
    }

    /**
     * Read first without waiting for the leader's latest index (a gateway asks for every key it has not cached); a key
     * not found is looked for again after the read barrier, so one created a moment ago through another controller is
     * found, not remembered as unknown.
     */
    @Override
    public Optional<KeyIdentity> identity(String accessKey) {
        Optional<AccessKeyRecord> found = reader.accessKey(accessKey);
        if (found.isEmpty()) {
            commands.fresh();
            found = reader.accessKey(accessKey);
        }
        return found.map(key -> {
            Optional<UserRecord> user = reader.user(key.user());
            boolean enabled = key.enabled() && user.map(UserRecord::enabled).orElse(false);
            List<PolicyInfo> policies = user.map(u -> u.policies().stream().map(this::resolve)
                    .flatMap(Optional::stream).toList()).orElse(List.of());
            return new KeyIdentity(key.accessKeyId(), key.user(), key.sealedSecret(), enabled, policies);
        });
    }

    /** A canned policy by its name, else a stored one. */
    private Optional<PolicyInfo> resolve(String name) {
        Optional<Policy> canned = CannedPolicy.named(name);
        if (canned.isPresent()) {
            return Optional.of(new PolicyInfo(name, true, canned.get().json(), null));
        }
        return reader.policy(name).map(Identities::view);
    }

    @Override
    public Optional<String> bucketPolicy(String bucket) {
        return reader.bucketPolicy(bucket);
    }

    @Override
    public void setBucketPolicy(String bucket, String document) {
        Policy.parseBucketPolicy(document, bucket);
        commands.submit(new MetaCommand.SetBucketPolicy(bucket, document), String.class);
    }

    @Override
    public void deleteBucketPolicy(String bucket) {
        commands.submit(new MetaCommand.DeleteBucketPolicy(bucket), Boolean.class);
    }

    @Override
    public Optional<String> bucketCors(String bucket) {
        return reader.bucketCors(bucket);
    }

    @Override
    public void setBucketCors(String bucket, String document) {
        commands.submit(new MetaCommand.SetBucketCors(bucket, document), Boolean.class);
    }

    @Override
    public NewJoinToken createJoinToken(long ttlSeconds, int uses) {
        return joinTokens.create(ttlSeconds, uses);
    }

    private static List<String> listOrEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }

    private static UserInfo view(UserRecord user) {
        return new UserInfo(user.name(), Times.iso(user.createdAt()), user.enabled(), user.policies());
    }

    private static AccessKeyInfo view(AccessKeyRecord key) {
        return new AccessKeyInfo(key.accessKeyId(), key.user(), key.label(), Times.iso(key.createdAt()), key.enabled());
    }

    private static PolicyInfo view(PolicyRecord policy) {
        return new PolicyInfo(policy.name(), false, policy.document(), Times.iso(policy.createdAt()));
    }
}
