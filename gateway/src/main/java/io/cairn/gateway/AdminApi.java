package io.cairn.gateway;

import io.cairn.api.AccessKeyInfo;
import io.cairn.api.ClusterKey;
import io.cairn.api.IdentityService;
import io.cairn.api.MetadataService;
import io.cairn.api.NewAccessKey;
import io.cairn.api.UserInfo;
import io.cairn.auth.AccessKeys;
import io.cairn.auth.AdminAction;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.Json;
import io.cairn.core.Sizes;
import io.cairn.core.model.Quota;
import io.cairn.core.model.QuotaScope;
import io.cairn.http.Access;
import io.cairn.http.Exchange;
import io.cairn.http.Permissions;
import io.cairn.http.RecentErrors;
import io.cairn.http.Route;
import io.cairn.http.Router;
import io.cairn.http.limits.RateLimiter;
import io.cairn.http.limits.RateLimits;
import io.cairn.tls.ClusterCa;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The admin REST API of users, access keys and policies ({@code /admin/users}, {@code /admin/keys},
 * {@code /admin/policies}), the cluster's join and metrics tokens and its CA certificate, and this gateway's rate
 * limits: each route asks for its {@code admin:} action before it does anything, and names what it acts on for the
 * audit log.
 */
final class AdminApi {
    private static final String USERS = "/admin/users";
    private static final String KEYS = "/admin/keys";
    private static final String POLICIES = "/admin/policies";
    private static final Pattern USER_POLICY = Pattern.compile("([^/]+)/policies/([^/]+)");
    private static final String QUOTAS = "/admin/quotas";
    private static final String RATE_LIMITS = "/admin/rate-limits";

    private final IdentityService identities;
    private final MetadataService meta;
    private final Permissions permissions;
    private final KeyRing keys;
    private final ClusterKey clusterKey;
    private final RateLimiter limiter;
    private final RecentErrors errors;
    /** The cluster CA's certificate, PEM: derived on the first request for it (it is the same every time). */
    private volatile byte[] caPem;

    AdminApi(IdentityService identities, MetadataService meta, Permissions permissions, KeyRing keys,
             ClusterKey clusterKey, RateLimiter limiter, RecentErrors errors) {
        this.errors = errors;
        this.identities = identities;
        this.meta = meta;
        this.permissions = permissions;
        this.keys = keys;
        this.clusterKey = clusterKey;
        this.limiter = limiter;
    }

    record CreateUser(String name, List<String> policies) {
    }

    record UserPolicies(List<String> policies) {
    }

    /**
     * A join token's life ({@code "1h"}, {@code "30m"}, or seconds; default 1 hour) and how many processes may join
     * with it (default 1).
     */
    record JoinTokenBody(String ttl, Integer uses) {
        static final Duration DEFAULT_TTL = Duration.ofHours(1);

        long ttlSeconds() {
            try {
                return ttl == null ? DEFAULT_TTL.toSeconds() : Sizes.parseDuration(ttl).toSeconds();
            } catch (IllegalArgumentException e) {
                throw CairnException.invalidArgument("ttl: " + e.getMessage());
            }
        }

        int usesOrDefault() {
            return uses == null ? 1 : uses;
        }
    }

    /** Sizes as numbers of bytes or with a unit ("10GiB"); both absent or 0 removes the quota. */
    record QuotaBody(String max_bytes, Long max_objects) {
        Quota quota() {
            long bytes;
            try {
                bytes = max_bytes == null ? 0 : Sizes.parseBytes(max_bytes);
            } catch (IllegalArgumentException e) {
                throw CairnException.invalidArgument("max_bytes: " + e.getMessage());
            }
            long objects = max_objects == null ? 0 : max_objects;
            if (bytes < 0 || objects < 0) {
                throw CairnException.invalidArgument("a quota is 0 (no limit) or more");
            }
            return new Quota(bytes, objects);
        }
    }

    record CreateKey(String user, String label, String access_key, String secret_key) {
        @Override
        public String toString() {
            return "CreateKey[" + user + "]";
        }
    }

    /** The rate limits on the wire, named as their settings are (RATE_LIMIT_REQUESTS: requests, ...). */
    record Limits(Long requests, Long bytes, Long address_requests, Long address_bytes) {
        static Limits of(RateLimits limits) {
            return new Limits(limits.keyRequests(), limits.keyBytes(), limits.addressRequests(),
                    limits.addressBytes());
        }

        /** A PUT replaces all four, so each must be there: a forgotten one would silently turn its limit off. */
        RateLimits limits() {
            try {
                return new RateLimits(required(requests, "requests"), required(bytes, "bytes"),
                        required(address_requests, "address_requests"), required(address_bytes, "address_bytes"));
            } catch (IllegalArgumentException e) {
                throw CairnException.invalidArgument(e.getMessage());
            }
        }
    }

    void install(Router router) {
        route(router, "POST", USERS, false, AdminAction.CREATE_USER, ex -> {
            CreateUser body = ex.readJson(CreateUser.class);
            ex.target(null, body.name());
            ex.sendJson(201, identities.createUser(required(body.name(), "name"), body.policies()));
        });
        route(router, "GET", USERS, false, AdminAction.LIST_USERS,
                ex -> ex.sendJson(200, Map.of("users", identities.users())));
        route(router, "POST", USERS + "/", true, null, ex -> {
            if (changedPolicy(ex, true)) {
                return;
            }
            String[] parts = split(ex.pathRest());
            boolean enable = parts[1].equals("enable");
            permissions.requireAdmin(ex, (enable ? AdminAction.ENABLE_USER : AdminAction.DISABLE_USER).wireName());
            if (!enable && !parts[1].equals("disable")) {
                throw notFound(ex);
            }
            UserInfo user = identities.setUserEnabled(parts[0], enable);
            // Forgotten before the answer: a client acting on it must not meet what this gateway knew before.
            keys.forgetUser(parts[0]);
            ex.sendJson(200, user);
        });
        route(router, "PUT", USERS + "/", true, AdminAction.ATTACH_POLICY, ex -> {
            String[] parts = split(ex.pathRest());
            if (!parts[1].equals("policies")) {
                throw notFound(ex);
            }
            // Replacing the list both attaches and detaches: it needs both rights.
            permissions.requireAdmin(ex, AdminAction.DETACH_POLICY.wireName());
            UserInfo user = identities.setUserPolicies(parts[0], ex.readJson(UserPolicies.class).policies());
            keys.forgetUser(parts[0]);
            ex.sendJson(200, user);
        });
        route(router, "DELETE", USERS + "/", true, null, ex -> {
            if (changedPolicy(ex, false)) {
                return;
            }
            permissions.requireAdmin(ex, AdminAction.DELETE_USER.wireName());
            identities.deleteUser(ex.pathRest());
            keys.forgetUser(ex.pathRest());
            ex.sendJson(200, Map.of("deleted", ex.pathRest()));
        });

        route(router, "POST", KEYS, false, AdminAction.CREATE_ACCESS_KEY, ex -> {
            CreateKey body = ex.readJson(CreateKey.class);
            ex.target(null, body.user());
            // Chosen here, so that a retry through another controller is the same request (Identities).
            NewAccessKey key = identities.createAccessKey(required(body.user(), "user"), body.label(),
                    body.access_key() == null ? AccessKeys.generateAccessKeyId() : body.access_key(),
                    body.secret_key() == null ? AccessKeys.generateSecretKey() : body.secret_key());
            keys.forget(key.access_key());
            ex.sendJson(201, key);
        });
        route(router, "GET", KEYS, false, AdminAction.LIST_ACCESS_KEYS,
                ex -> ex.sendJson(200, Map.of("keys", identities.accessKeys(ex.query("user")))));
        route(router, "POST", KEYS + "/", true, null, ex -> {
            String[] parts = split(ex.pathRest());
            boolean enable = parts[1].equals("enable");
            permissions.requireAdmin(ex, (enable ? AdminAction.ENABLE_ACCESS_KEY : AdminAction.DISABLE_ACCESS_KEY)
                    .wireName());
            if (!enable && !parts[1].equals("disable")) {
                throw notFound(ex);
            }
            AccessKeyInfo key = identities.setAccessKeyEnabled(parts[0], enable);
            keys.forget(parts[0]);
            ex.sendJson(200, key);
        });
        route(router, "DELETE", KEYS + "/", true, AdminAction.DELETE_ACCESS_KEY, ex -> {
            identities.deleteAccessKey(ex.pathRest());
            keys.forget(ex.pathRest());
            ex.sendJson(200, Map.of("deleted", ex.pathRest()));
        });

        route(router, "GET", POLICIES, false, AdminAction.LIST_POLICIES,
                ex -> ex.sendJson(200, Map.of("policies", identities.policies())));
        route(router, "GET", POLICIES + "/", true, AdminAction.GET_POLICY,
                ex -> ex.sendJson(200, identities.policy(ex.pathRest())));
        route(router, "PUT", POLICIES + "/", true, AdminAction.CREATE_POLICY, ex -> {
            // Beyond the policy limit (20 KiB) but bounded: the parser's refusal says what the limit is.
            String document = new String(ex.readBody(Exchange.MAX_JSON_BYTES, "policy documents"),
                    StandardCharsets.UTF_8);
            ex.sendJson(200, identities.putPolicy(ex.pathRest(), document));
        });
        route(router, "DELETE", POLICIES + "/", true, AdminAction.DELETE_POLICY, ex -> {
            identities.deletePolicy(ex.pathRest());
            ex.sendJson(200, Map.of("deleted", ex.pathRest()));
        });

        route(router, "GET", QUOTAS, false, AdminAction.SERVER_INFO,
                ex -> ex.sendJson(200, Map.of("quotas", meta.quotas())));
        route(router, "PUT", QUOTAS + "/", true, AdminAction.SET_QUOTA, ex -> {
            String[] parts = ex.pathRest().split("/", 2);
            QuotaScope scope = switch (parts[0]) {
                case "bucket" -> QuotaScope.BUCKET;
                case "user" -> QuotaScope.USER;
                default -> throw notFound(ex);
            };
            if (parts.length < 2 || parts[1].isEmpty()) {
                throw notFound(ex);
            }
            ex.sendJson(200, meta.setQuota(scope, parts[1], ex.readJson(QuotaBody.class).quota()));
        });
        // POST: each call creates a token (a v2 one: it opens the cluster secret only as often and as long as said).
        // The v1 token, the cluster secret itself, is no longer handed out over the API.
        route(router, "POST", "/admin/join-token", false, AdminAction.CLUSTER_ADMIN, ex -> {
            byte[] raw = ex.readBody(Exchange.MAX_JSON_BYTES, "join-token requests");
            JoinTokenBody body = raw.length == 0 ? new JoinTokenBody(null, null)
                    : Json.fromBytes(raw, JoinTokenBody.class);
            ex.sendJson(201, identities.createJoinToken(body.ttlSeconds(), body.usesOrDefault()));
        });
        route(router, "GET", "/admin/metrics-token", false, AdminAction.SERVER_INFO,
                ex -> ex.sendJson(200, Map.of("token", clusterKey.metricsToken())));

        // This gateway's limits only: each gateway keeps its own (docs/TODO.md, issue 10).
        route(router, "GET", RATE_LIMITS, false, AdminAction.SERVER_INFO,
                ex -> ex.sendJson(200, Limits.of(limiter.limits())));
        route(router, "PUT", RATE_LIMITS, false, AdminAction.SET_RATE_LIMITS, ex -> {
            RateLimits limits = ex.readJson(Limits.class).limits();
            limiter.update(limits);
            ex.sendJson(200, Limits.of(limits));
        });
        // This gateway's, as its rate limits: what its own APIs answered.
        route(router, "GET", "/admin/errors", false, AdminAction.SERVER_INFO,
                ex -> ex.sendJson(200, Map.of("errors", errors.newestFirst(), "kept", RecentErrors.KEPT)));
        // As a PEM file, for curl --cacert, AWS_CA_BUNDLE and cairn --ca-cert.
        route(router, "GET", "/admin/ca-cert", false, AdminAction.SERVER_INFO,
                ex -> ex.send(200, "application/x-pem-file", caPem()));
    }

    private byte[] caPem() {
        byte[] pem = caPem;
        if (pem == null) {
            pem = ClusterCa.derive(clusterKey.secret()).pem().getBytes(StandardCharsets.US_ASCII);
            caPem = pem;
        }
        return pem;
    }

    /**
     * @param action asked before the route runs; null when the route asks itself (its action depends on the path,
     *               and a path it does not know still needs a right before it answers 404)
     */
    private void route(Router router, String method, String path, boolean prefix, AdminAction action, Route route) {
        Route guarded = action == null ? route : ex -> {
            permissions.requireAdmin(ex, action.wireName());
            route.handle(ex);
        };
        if (prefix) {
            // Named before the check, so that a refusal's audit line says what was asked for too.
            router.prefix(Access.USER, method, path, ex -> {
                ex.target(null, split(ex.pathRest())[0]);
                guarded.handle(ex);
            });
        } else {
            router.exact(Access.USER, method, path, guarded);
        }
    }

    /** {@code NAME/ACTION} into its two parts. */
    /**
     * {@code POST /admin/users/USER/policies/POLICY} attaches a policy, {@code DELETE} detaches it: one change each,
     * decided against the user's list when it applies (two admins at once both get theirs). False if the path is
     * not one of these.
     */
    private boolean changedPolicy(Exchange ex, boolean attach) throws IOException {
        Matcher path = USER_POLICY.matcher(ex.pathRest());
        if (!path.matches()) {
            return false;
        }
        permissions.requireAdmin(ex, (attach ? AdminAction.ATTACH_POLICY : AdminAction.DETACH_POLICY).wireName());
        ex.target(null, path.group(1));
        UserInfo user = identities.changeUserPolicy(path.group(1), path.group(2), attach);
        keys.forgetUser(path.group(1));
        ex.sendJson(200, user);
        return true;
    }

    private static String[] split(String rest) {
        int slash = rest.lastIndexOf('/');
        return slash <= 0 ? new String[] {rest, ""} : new String[] {rest.substring(0, slash),
                rest.substring(slash + 1)};
    }

    private static <T> T required(T value, String field) {
        if (value == null || "".equals(value)) {
            throw CairnException.invalidArgument("the body needs \"" + field + "\"");
        }
        return value;
    }

    private static CairnException notFound(Exchange ex) {
        return new CairnException(ErrorCode.NOT_FOUND, "no such endpoint: " + ex.method() + " "
                + ex.path());
    }
}
