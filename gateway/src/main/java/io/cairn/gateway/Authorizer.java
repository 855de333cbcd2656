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
import java.util.function.LongSupplier;

/**
 * {@link Permissions} for both APIs: the root user may do anything; any other user what their policies and the
 * bucket's policy allow ({@link PolicyEngine}: an explicit deny anywhere wins); an anonymous caller what the bucket's
 * policy allows everyone. Bucket policies are kept for {@link KeyRing#TTL}, as keys are.
 */
public final class Authorizer implements Permissions, BucketPolicies {
    private static final int MAX_BUCKETS = 10_000;

    private final KeyRing keys;
    private final IdentityService identities;
    private final Clock clock;
    private final ExpiringCache<String, Optional<Policy>> bucketPolicies;

    public Authorizer(KeyRing keys, IdentityService identities, Clock clock, LongSupplier nanos) {
        this.keys = keys;
        this.identities = identities;
        this.clock = clock;
        this.bucketPolicies = new ExpiringCache<>(KeyRing.TTL, MAX_BUCKETS, nanos);
    }

    @Override
    public void require(Exchange exchange, String action, String bucket, String key,
                        Map<String, List<String>> context) {
        if (decide(exchange, action, bucket, key, context).allowed()) {
            return;
        }
        String who = switch (exchange.caller()) {
            case Caller.User user -> "user " + user.name();
            case Caller.Member member -> "a cluster process";
            case Caller.Monitor monitor -> "the metrics token";
            case Caller.Anonymous anonymous -> throw new CairnException(ErrorCode.UNAUTHORIZED,
                    "this needs a credential: " + action + " on " + resource(bucket, key) + " is not public");
        };
        throw new CairnException(ErrorCode.ACCESS_DENIED, "access denied: " + who + " may not " + action + " on "
                + resource(bucket, key));
    }

    @Override
    public boolean allows(Exchange exchange, String action, String bucket, String key) {
        return decide(exchange, action, bucket, key, Map.of()).allowed();
    }

    /** Root may do anything, other processes and the metrics token nothing here; the engine decides the rest. */
    private Decision decide(Exchange exchange, String action, String bucket, String key,
                            Map<String, List<String>> context) {
        Principal principal;
        switch (exchange.caller()) {
            case Caller.User user when user.isRoot() -> {
                return Decision.ALLOW;
            }
            case Caller.User user -> principal = Principal.user(user.name());
            case Caller.Anonymous anonymous -> principal = Principal.anonymous();
            case Caller.Member member -> {
                return Decision.DENY;
            }
            case Caller.Monitor monitor -> {
                return Decision.DENY;
            }
        }
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
        return bucketPolicies.get(bucket, b -> identities.bucketPolicy(b).map(d -> Policy.parseBucketPolicy(d, b)));
    }

    @Override
    public Optional<String> get(String bucket) {
        return identities.bucketPolicy(bucket);
    }

    /** This gateway forgets what it knew of the policy at once; the others within {@link KeyRing#TTL}. */
    @Override
    public void put(String bucket, String document) {
        identities.setBucketPolicy(bucket, document);
        bucketPolicies.forget(bucket);
    }

    @Override
    public void delete(String bucket) {
        identities.deleteBucketPolicy(bucket);
        bucketPolicies.forget(bucket);
    }

    private static String resource(String bucket, String key) {
        return bucket == null ? "this cluster" : key == null ? "bucket " + bucket : bucket + "/" + key;
    }
}
