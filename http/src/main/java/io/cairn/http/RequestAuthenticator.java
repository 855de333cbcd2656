package io.cairn.http;

import io.cairn.api.ApiPaths;
import io.cairn.api.ClusterKey;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

/**
 * The credentials Cairn's JSON APIs accept, checked in this order:
 * <ul>
 * <li>{@value ClusterKey#HEADER}: a request signed with the cluster secret, from another process of the cluster;</li>
 * <li>{@code Authorization: Basic} with an access key and its secret ({@code curl -u KEY:SECRET});</li>
 * <li>{@code Authorization: Bearer} with the cluster's metrics token (Prometheus) or {@code KEY:SECRET};</li>
 * <li>{@value ApiPaths#API_KEY_HEADER} with the legacy shared API key (the root user) or {@code KEY:SECRET}.</li>
 * </ul>
 * Every comparison of a secret takes the same time whatever the secret (MessageDigest.isEqual).
 */
public final class RequestAuthenticator implements Authenticator {
    private static final String BASIC = "basic ";
    private static final String BEARER = "bearer ";

    private final ClusterKey clusterKey;
    private final UserCredentials users;
    private final byte[] apiKey;
    private final byte[] metricsToken;
    private final Clock clock;

    /** @param apiKey the legacy shared key that acts as the root user; null or empty for none */
    public RequestAuthenticator(ClusterKey clusterKey, UserCredentials users, String apiKey, Clock clock) {
        this.clusterKey = clusterKey;
        this.users = users;
        this.apiKey = apiKey == null || apiKey.isEmpty() ? null : apiKey.getBytes(StandardCharsets.UTF_8);
        this.metricsToken = clusterKey.metricsToken().getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    @Override
    public Caller authenticate(Exchange exchange) {
        String signature = exchange.header(ClusterKey.HEADER);
        if (signature != null) {
            if (!clusterKey.verify(signature, exchange.rawPathAndQuery(), clock.instant())) {
                throw new CairnException(ErrorCode.UNAUTHORIZED,
                        "the cluster signature is wrong or too old: is this process of another cluster, or its clock off?");
            }
            return new Caller.Member();
        }
        String authorization = exchange.header("Authorization");
        if (authorization != null) {
            return fromAuthorization(authorization);
        }
        String key = exchange.header(ApiPaths.API_KEY_HEADER);
        if (key != null) {
            if (apiKey != null && MessageDigest.isEqual(apiKey, key.getBytes(StandardCharsets.UTF_8))) {
                return new Caller.User(Caller.User.ROOT, null);
            }
            return keyAndSecret(key, ApiPaths.API_KEY_HEADER);
        }
        return new Caller.Anonymous();
    }

    private Caller fromAuthorization(String authorization) {
        String lower = authorization.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith(BASIC)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).strip()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new CairnException(ErrorCode.UNAUTHORIZED, "Authorization: Basic needs base64 of KEY:SECRET");
            }
            return keyAndSecret(decoded, "Authorization: Basic");
        }
        if (lower.startsWith(BEARER)) {
            String token = authorization.substring(BEARER.length()).strip();
            if (MessageDigest.isEqual(metricsToken, token.getBytes(StandardCharsets.UTF_8))) {
                return new Caller.Monitor();
            }
            return keyAndSecret(token, "Authorization: Bearer");
        }
        throw new CairnException(ErrorCode.UNAUTHORIZED, "unsupported Authorization scheme: use Basic with "
                + "ACCESS_KEY:SECRET_KEY (curl -u) or Bearer");
    }

    private Caller keyAndSecret(String pair, String where) {
        int colon = pair.indexOf(':');
        if (colon <= 0) {
            throw new CairnException(ErrorCode.UNAUTHORIZED, where + " is not a valid credential (ACCESS_KEY:SECRET_KEY)");
        }
        Optional<Caller.User> user = users.verify(pair.substring(0, colon), pair.substring(colon + 1));
        return user.orElseThrow(() -> new CairnException(ErrorCode.UNAUTHORIZED,
                "unknown access key, disabled key or wrong secret"));
    }
}
