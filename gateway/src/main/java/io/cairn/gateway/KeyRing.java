package io.cairn.gateway;

import io.cairn.api.IdentityService;
import io.cairn.api.KeyIdentity;
import io.cairn.api.PolicyInfo;
import io.cairn.auth.Policy;
import io.cairn.auth.SecretSealer;
import io.cairn.http.Caller;
import io.cairn.http.UserCredentials;
import io.cairn.s3.auth.S3Credentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The access keys a gateway accepts, for both APIs: the REST API checks a key and its secret
 * ({@link UserCredentials}), the S3 API needs the secret to check a signature ({@link S3Credentials}), and both then
 * need the user's policies. The root user comes from configuration; every other key from the controllers, kept for
 * {@link #TTL} so that a request does not cost a lookup, and so that a key disabled or deleted stops working on every
 * gateway within that time.
 */
public final class KeyRing implements UserCredentials, S3Credentials {
    /** How long a gateway trusts what it learnt about a key (or that there is no such key). */
    public static final Duration TTL = Duration.ofSeconds(5);
    /** Unknown keys are remembered too (a client retrying a wrong key); this bounds what a flood of them can hold. */
    private static final int MAX_ENTRIES = 10_000;

    /** What a request signed with a known key may rely on: the user, the secret, the parsed policies. */
    public record Holder(String user, boolean enabled, String secret, List<Policy> policies) {
        @Override
        public String toString() {
            return "Holder[" + user + ", enabled=" + enabled + "]";
        }
    }

    private final RootUser root;
    private final IdentityService identities;
    private final SecretSealer sealer;
    private final ExpiringCache<String, Optional<Holder>> cache;

    public KeyRing(RootUser root, IdentityService identities, SecretSealer sealer, LongSupplier nanos) {
        this.root = root;
        this.identities = identities;
        this.sealer = sealer;
        this.cache = new ExpiringCache<>(TTL, MAX_ENTRIES, nanos);
    }

    @Override
    public Optional<Caller.User> verify(String accessKeyId, String secret) {
        if (isRoot(accessKeyId)) {
            return equal(root.secretKey(), secret) ? Optional.of(new Caller.User(Caller.User.ROOT, accessKeyId))
                    : Optional.empty();
        }
        return holder(accessKeyId).filter(h -> h.enabled() && equal(h.secret(), secret))
                .map(h -> new Caller.User(h.user(), accessKeyId));
    }

    @Override
    public Optional<String> secretFor(String accessKeyId) {
        if (isRoot(accessKeyId)) {
            return Optional.of(root.secretKey());
        }
        return holder(accessKeyId).filter(Holder::enabled).map(Holder::secret);
    }

    @Override
    public Caller.User userOf(String accessKeyId) {
        if (isRoot(accessKeyId)) {
            return new Caller.User(Caller.User.ROOT, accessKeyId);
        }
        return new Caller.User(holder(accessKeyId).map(Holder::user).orElseThrow(), accessKeyId);
    }

    /** An access key and its secret, to sign with. */
    public record SigningKey(String accessKeyId, String secret) {
        @Override
        public String toString() {
            return "SigningKey[" + accessKeyId + "]";
        }
    }

    /**
     * The key a URL this user presigns is signed with: the key the user's request came with, or the root user's for
     * the legacy API key (which is the root user); empty if that key is no longer enabled.
     */
    public Optional<SigningKey> signingKey(Caller.User user) {
        String key = user.accessKeyId() == null && user.isRoot() ? root.accessKey() : user.accessKeyId();
        return key == null ? Optional.empty() : secretFor(key).map(secret -> new SigningKey(key, secret));
    }

    /** The policies of the user holding this key; none for an unknown one. */
    public List<Policy> policies(String accessKeyId) {
        return holder(accessKeyId).map(Holder::policies).orElse(List.of());
    }

    /** Forgets a key at once, after this gateway changed it; the other gateways forget it within {@link #TTL}. */
    public void forget(String accessKeyId) {
        cache.forget(accessKeyId);
    }

    /** Forgets every key of a user at once (disabled, deleted, given other policies here). */
    public void forgetUser(String user) {
        cache.forgetIf(holder -> holder.map(h -> h.user().equals(user)).orElse(false));
    }

    private boolean isRoot(String accessKeyId) {
        return equal(root.accessKey(), accessKeyId);
    }

    private Optional<Holder> holder(String accessKeyId) {
        return cache.get(accessKeyId, id -> identities.identity(id).map(this::holder));
    }

    private Holder holder(KeyIdentity identity) {
        String secret = sealer.unseal(identity.sealed_secret(), identity.access_key());
        List<Policy> policies = identity.policies().stream().map(PolicyInfo::document).map(Policy::parse).toList();
        return new Holder(identity.user(), identity.enabled(), secret, policies);
    }

    /** Compared in full whatever the lengths, so the time taken tells nothing about the expected value. */
    private static boolean equal(String expected, String presented) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
