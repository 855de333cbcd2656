package io.cairn.gateway;

import io.cairn.api.BucketInfo;
import io.cairn.api.IdentityService;
import io.cairn.api.MetadataService;
import io.cairn.auth.AclGrants;
import io.cairn.auth.AccessRequest;
import io.cairn.auth.AdminAction;
import io.cairn.auth.Decision;
import io.cairn.auth.Policy;
import io.cairn.auth.PolicyEngine;
import io.cairn.auth.S3Actions;
import io.cairn.auth.Principal;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.model.Acl;
import io.cairn.core.model.ObjectOwnership;
import io.cairn.core.model.ObjectVersion;
import io.cairn.core.model.PublicAccessBlock;
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
import java.util.stream.Stream;

/**
 * {@link Permissions} for both APIs: the root user may do anything; any other user what their policies and the
 * bucket's policy allow ({@link PolicyEngine}: an explicit deny anywhere wins), and where nothing denies, what they
 * own (a bucket's creator has full control of it and everything in it) and what ACLs grant them ({@link AclGrants});
 * an anonymous caller what the bucket's policy and the ACLs allow everyone; ACLs allow nothing in a bucket whose
 * Object Ownership disables them (BucketOwnerEnforced). A bucket's Block Public Access settings may take away the
 * public grants of its ACLs and its objects' (IgnorePublicAcls), and what a public bucket policy allows anonymous
 * callers (RestrictPublicBuckets: the cluster's users keep what it allows them). What is known of a bucket (its
 * policy, owner, ACL, ownership and Block Public Access) is kept for {@link KeyRing#TTL}, as keys are; an object's
 * ACL is read when it alone could allow.
 */
public final class Authorizer implements Permissions, BucketPolicies {
    private static final int MAX_BUCKETS = 10_000;

    private final KeyRing keys;
    private final IdentityService identities;
    private final MetadataService meta;
    private final Clock clock;
    private final ExpiringCache<String, BucketAccess> buckets;

    public Authorizer(KeyRing keys, IdentityService identities, MetadataService meta, Clock clock,
                      LongSupplier nanos) {
        this.keys = keys;
        this.identities = identities;
        this.meta = meta;
        this.clock = clock;
        this.buckets = new ExpiringCache<>(KeyRing.TTL, MAX_BUCKETS, nanos);
    }

    /**
     * What decides access to a bucket besides the caller's own policies; all empty for a bucket that is not.
     *
     * @param aclsCount false where the bucket's Object Ownership disables ACLs: they grant nothing then
     * @param block     its Block Public Access settings, {@link PublicAccessBlock#NONE} for none
     */
    private record BucketAccess(boolean exists, Optional<Policy> policy, String owner, Acl acl, boolean aclsCount,
                                PublicAccessBlock block) {
        /** Whether the policy allows anonymous callers nothing: it is public and the bucket restricts that. */
        boolean policyRefusesAnonymous() {
            return block.restrictPublicBuckets() && policy.filter(Policy::grantsEveryone).isPresent();
        }

        /** An ACL of the bucket or an object in it, as far as it counts here. */
        Acl counted(Acl of) {
            return of != null && block.ignorePublicAcls() ? of.withoutPublicGrants() : of;
        }
    }

    @Override
    public void require(Exchange exchange, String action, String bucket, String key,
                        Map<String, List<String>> context) {
        if (decide(exchange, action, bucket, key, context).allowed()) {
            return;
        }
        refuseWhatIsNot(exchange, action, bucket, key);
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
        String referer = exchange.header("referer");
        if (referer != null) {
            all.put("aws:Referer", List.of(referer));
        }
        List<Policy> identity = exchange.caller() instanceof Caller.User user ? keys.policies(user.accessKeyId())
                : List.of();
        if (bucket == null) {
            AccessRequest request = action.startsWith("admin:")
                    ? AccessRequest.admin(principal, AdminAction.fromWireName(action).orElseThrow(), all)
                    : AccessRequest.s3(principal, action, bucket, null, all);
            return PolicyEngine.decide(request, identity, Optional.empty());
        }
        BucketAccess access = bucketAccess(bucket);
        if (key != null && Stream.concat(identity.stream(), access.policy().stream())
                .anyMatch(p -> p.testsConditionKeysStartingWith(S3Actions.EXISTING_OBJECT_TAG))) {
            namedVersion(bucket, key, exchange.query("versionId")).ifPresent(version -> version.tags()
                    .forEach((tag, value) -> all.put(S3Actions.EXISTING_OBJECT_TAG + tag, List.of(value))));
        }
        AccessRequest request = AccessRequest.s3(principal, action, bucket, key, all);
        Decision decision = PolicyEngine.decide(request, identity, access.policy());
        if (decision == Decision.ALLOW && principal.isAnonymous() && access.policyRefusesAnonymous()) {
            // An anonymous caller has no policies of its own: the bucket's public policy allowed, and may not.
            decision = Decision.IMPLICIT_DENY;
        }
        if (decision != Decision.IMPLICIT_DENY) {
            return decision;
        }
        boolean owner = !principal.isAnonymous() && principal.user().equals(access.owner());
        if (owner || access.aclsCount() && (AclGrants.allowsOnBucket(access.counted(access.acl()), principal, action)
                || key != null && AclGrants.isObjectAclAction(action) && AclGrants.allowsOnObject(
                        access.counted(namedVersion(bucket, key, exchange.query("versionId")).map(ObjectVersion::acl)
                                .orElse(null)), principal, action))) {
            return Decision.ALLOW;
        }
        return decision;
    }

    /**
     * A refusal that S3 words as absence: a bucket that does not exist is NoSuchBucket to anyone (its name is not a
     * secret: creating it would say it is taken), and a missing key is NoSuchKey to a reader who may list the bucket
     * (the listing would show it missing anyway: a listing of the key as its prefix, as a policy's s3:prefix condition
     * sees it); to anyone else it stays AccessDenied.
     */
    private void refuseWhatIsNot(Exchange exchange, String action, String bucket, String key) {
        if (bucket == null || action.equals(S3Actions.CREATE_BUCKET) || action.startsWith("admin:")) {
            return;
        }
        if (!bucketAccess(bucket).exists()) {
            throw new CairnException(ErrorCode.NO_SUCH_BUCKET, "bucket " + bucket + " does not exist");
        }
        if (key != null && (action.equals(S3Actions.GET_OBJECT) || action.equals(S3Actions.GET_OBJECT_VERSION))
                && decide(exchange, S3Actions.LIST_BUCKET, bucket, null, Map.of("s3:prefix", List.of(key))).allowed()
                && !hasObject(bucket, key)) {
            throw new CairnException(ErrorCode.NOT_FOUND, "no object " + key + " in bucket " + bucket);
        }
    }

    private boolean hasObject(String bucket, String key) {
        return namedVersion(bucket, key, null).filter(version -> !version.deleteMarker()).isPresent();
    }

    private BucketAccess bucketAccess(String bucket) {
        return buckets.get(bucket, b -> {
            Optional<Policy> policy = identities.bucketPolicy(b).map(d -> Policy.parseBucketPolicy(d, b));
            try {
                BucketInfo info = meta.bucket(b);
                return new BucketAccess(true, policy, info.owner(), info.acl(),
                        info.ownership() != ObjectOwnership.BUCKET_OWNER_ENFORCED,
                        PublicAccessBlock.orNone(info.publicAccessBlock()));
            } catch (CairnException e) {
                if (e.code() != ErrorCode.NO_SUCH_BUCKET && e.code() != ErrorCode.NOT_FOUND) {
                    throw e;
                }
                return new BucketAccess(false, policy, null, null, true, PublicAccessBlock.NONE);
            }
        });
    }

    /**
     * The version a request names (a version id, else the latest), whose ACL and tags may decide; none if there is
     * no such version, nor for the "null" version: nothing its ACL or tags could allow is decided here.
     */
    private Optional<ObjectVersion> namedVersion(String bucket, String key, String versionId) {
        Long version = null;
        if (versionId != null) {
            try {
                version = Long.parseLong(versionId);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(meta.manifest(bucket, key, version).version());
        } catch (CairnException e) {
            // Only absence is an answer; a controller that cannot say is not taken for "no such object".
            if (e.code() == ErrorCode.NOT_FOUND || e.code() == ErrorCode.NO_SUCH_VERSION
                    || e.code() == ErrorCode.NO_SUCH_BUCKET) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void forget(String bucket) {
        buckets.forget(bucket);
    }

    @Override
    public Optional<String> get(String bucket) {
        return identities.bucketPolicy(bucket);
    }

    /** This gateway forgets what it knew of the policy at once; the others within {@link KeyRing#TTL}. */
    @Override
    public void put(String bucket, String document) {
        identities.setBucketPolicy(bucket, document);
        buckets.forget(bucket);
    }

    @Override
    public void delete(String bucket) {
        identities.deleteBucketPolicy(bucket);
        buckets.forget(bucket);
    }

    private static String resource(String bucket, String key) {
        return bucket == null ? "this cluster" : key == null ? "bucket " + bucket : bucket + "/" + key;
    }
}
