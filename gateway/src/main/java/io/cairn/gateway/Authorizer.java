package io.cairn.gateway;

import io.cairn.api.IdentityService;
import io.cairn.auth.AccessRequest;
import io.cairn.auth.AdminAction;
import io.cairn.auth.Decision;
import io.cairn.auth.Policy;
import io.cairn.auth.PolicyEngine;
import io.cairn.auth.Principal;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.http.Caller;
import io.cairn.http.Exchange;
import io.cairn.http.Permissions;
import io.cairn.s3.BucketPolicies;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * {@link Permissions} for both APIs: the root user may do anything; any other user what their policies and the
 * bucket's policy allow ({@link PolicyEngine}: an explicit deny anywhere wins); an anonymous caller what the bucket's
 * policy allows everyone. Bucket policies are kept for {@link KeyRing#TTL}, as keys are.
 */
public final class Authorizer implements Permissions, BucketPolicies {
    private static final int MAX_BUCKETS = 10_000;

    private record Entry(Optional<Policy> policy, long expiresAt) {
    }

    private final KeyRing keys;
    private final IdentityService identities;
    private final Clock clock;
    private final LongSupplier nanos;
    private final Map<String, Entry> bucketPolicies = new ConcurrentHashMap<>();

    public Authorizer(KeyRing keys, IdentityService identities, Clock clock, LongSupplier nanos) {
        this.keys = keys;
        this.identities = identities;
        this.clock = clock;
        this.nanos = nanos;
    }

    @Override
    public void require(Exchange exchange, String action, String bucket, String key,
                        Map<String, List<String>> context) {
        Caller caller = exchange.caller();
        Principal principal = switch (caller) {
            case Caller.User user when user.isRoot() -> null;
            case Caller.User user -> Principal.user(user.name());
            case Caller.Anonymous anonymous -> Principal.anonymous();
            case Caller.Member member -> throw denied("a cluster process", action, bucket, key);
            case Caller.Monitor monitor -> throw denied("the metrics token", action, bucket, key);
        };
        if (principal == null || decide(exchange, principal, action, bucket, key, context).allowed()) {
            return;
        }
        if (principal.isAnonymous()) {
            throw new CairnException(ErrorCode.UNAUTHORIZED, "this needs a credential: " + action + " on "
                    + resource(bucket, key) + " is not public");
        }
        throw denied("user " + principal.user(), action, bucket, key);
    }

    @Override
    public boolean allows(Exchange exchange, String action, String bucket, String key) {
        return switch (exchange.caller()) {
            case Caller.User user when user.isRoot() -> true;
            case Caller.User user -> decide(exchange, Principal.user(user.name()), action, bucket, key, Map.of())
                    .allowed();
            case Caller.Anonymous anonymous -> decide(exchange, Principal.anonymous(), action, bucket, key, Map.of())
                    .allowed();
            case Caller.Member member -> false;
            case Caller.Monitor monitor -> false;
        };
    }

    private Decision decide(Exchange exchange, Principal principal, String action, String bucket, String key,
                            Map<String, List<String>> context) {
        Map<String, List<String>> all = new HashMap<>(context);
        all.put("aws:SourceIp", List.of(exchange.remoteAddress()));
        all.put("aws:SecureTransport", List.of(Boolean.toString(exchange.isSecure())));
        all.put("aws:CurrentTime", List.of(clock.instant().toString()));
        AccessRequest request = action.startsWith("admin:")
                ? AccessRequest.admin(principal, AdminAction.fromWireName(action).orElseThrow(), all)
                : AccessRequest.s3(principal, action, bucket, key, all);
        List<Policy> identity = exchange.caller() instanceof Caller.User user ? keys.policies(user.accessKeyId())
                : List.of();
        return PolicyEngine.decide(request, identity, bucket == null ? Optional.empty() : bucketPolicy(bucket));
    }

    private Optional<Policy> bucketPolicy(String bucket) {
        long now = nanos.getAsLong();
        Entry entry = bucketPolicies.get(bucket);
        if (entry == null || now - entry.expiresAt() > 0) {
            if (bucketPolicies.size() >= MAX_BUCKETS) {
                bucketPolicies.clear();
            }
            entry = new Entry(identities.bucketPolicy(bucket).map(d -> Policy.parseBucketPolicy(d, bucket)),
                    now + KeyRing.TTL.toNanos());
            bucketPolicies.put(bucket, entry);
        }
        return entry.policy();
    }

    @Override
    public Optional<String> get(String bucket) {
        return identities.bucketPolicy(bucket);
    }

    /** This gateway forgets what it knew of the policy at once; the others within {@link KeyRing#TTL}. */
    @Override
    public void put(String bucket, String document) {
        identities.setBucketPolicy(bucket, document);
        bucketPolicies.remove(bucket);
    }

    @Override
    public void delete(String bucket) {
        identities.deleteBucketPolicy(bucket);
        bucketPolicies.remove(bucket);
    }

    private static CairnException denied(String who, String action, String bucket, String key) {
        return new CairnException(ErrorCode.ACCESS_DENIED, "access denied: " + who + " may not " + action + " on "
                + resource(bucket, key));
    }

    private static String resource(String bucket, String key) {
        return bucket == null ? "this cluster" : key == null ? "bucket " + bucket : bucket + "/" + key;
    }
}
