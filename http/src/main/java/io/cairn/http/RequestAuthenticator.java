package io.cairn.http;

import io.cairn.api.ApiPaths;
import io.cairn.api.ClusterKey;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The credentials Cairn's JSON APIs accept, checked in this order:
 * <ul>
 * <li>another process of the cluster, which proves it as its port's {@link MemberProof} says: with a certificate from
 * the cluster CA where internal TLS is on, else with {@value ClusterKey#HEADER} (a request signed with the cluster
 * secret);</li>
 * <li>{@code Authorization: Basic} with an access key and its secret ({@code curl -u KEY:SECRET});</li>
 * <li>{@code Authorization: Bearer} with the cluster's metrics token (Prometheus) or {@code KEY:SECRET};</li>
 * <li>{@value ApiPaths#API_KEY_HEADER} with the legacy shared API key (the root user) or {@code KEY:SECRET};</li>
 * <li>AWS Signature V4, in the Authorization header or presigned in the query, where the process has a verifier for
 * it (the gateway's, shared with the S3 API).</li>
 * </ul>
 * Every comparison of a secret takes the same time whatever the secret (MessageDigest.isEqual).
 */
public final class RequestAuthenticator implements Authenticator {
    /** How the cluster's own processes prove who they are on a port. */
    public enum MemberProof {
        /** The signature header; the port is plain HTTP, or TLS without internal TLS. */
        SIGNATURE,
        /**
         * A client certificate the cluster CA issued (internal TLS). The signature header then proves nothing: a
         * header that leaked, from a log or a proxy, must not open the port for its five minutes.
         */
        CERTIFICATE
    }

    private static final String BASIC = "basic ";
    private static final String BEARER = "bearer ";

    private final ClusterKey clusterKey;
    private final UserCredentials users;
    private final byte[] apiKey;
    private final byte[] metricsToken;
    private final Clock clock;
    private final MemberProof memberProof;
    private final SignedRequests signedRequests;

    /** AWS Signature V4: whether a request carries one, and the caller it proves. */
    public interface SignedRequests extends Authenticator {
        boolean isSigned(Exchange exchange);
    }

    /** A process that takes no SigV4 (a storage node). */
    public RequestAuthenticator(ClusterKey clusterKey, UserCredentials users, String apiKey, Clock clock,
                                MemberProof memberProof) {
        this(clusterKey, users, apiKey, clock, memberProof, null);
    }

    /**
     * @param apiKey         the legacy shared key that acts as the root user; null or empty for none
     * @param signedRequests the SigV4 verifier, null where SigV4 is not taken
     */
    public RequestAuthenticator(ClusterKey clusterKey, UserCredentials users, String apiKey, Clock clock,
                                MemberProof memberProof, SignedRequests signedRequests) {
        this.signedRequests = signedRequests;
        this.clusterKey = clusterKey;
        this.users = users;
        this.apiKey = apiKey == null || apiKey.isEmpty() ? null : apiKey.getBytes(StandardCharsets.UTF_8);
        this.metricsToken = clusterKey.metricsToken().getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
        this.memberProof = memberProof;
    }

    @Override
    public Caller authenticate(Exchange exchange) {
        if (memberProof == MemberProof.CERTIFICATE && exchange.hasPeerCertificate()) {
            return new Caller.Member();
        }
        String signature = exchange.header(ClusterKey.HEADER);
        if (signature != null) {
            if (memberProof == MemberProof.CERTIFICATE) {
                throw new CairnException(ErrorCode.UNAUTHORIZED, "internal TLS is on: processes of the cluster "
                        + "prove it with a certificate of the cluster CA, not with " + ClusterKey.HEADER);
            }
            if (!clusterKey.verify(signature, exchange.rawPathAndQuery(), clock.instant())) {
                throw new CairnException(ErrorCode.UNAUTHORIZED,
                        "the cluster signature is wrong or too old: is this process of another cluster, or its clock off?");
            }
            return new Caller.Member();
        }
        if (signedRequests != null && signedRequests.isSigned(exchange)) {
            return signedRequests.authenticate(exchange);
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
        String lower = authorization.toLowerCase(Locale.ROOT);
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
                + "ACCESS_KEY:SECRET_KEY (curl -u), Bearer" + (signedRequests == null ? "" : " or AWS4-HMAC-SHA256"));
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
