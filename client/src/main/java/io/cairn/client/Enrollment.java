package io.cairn.client;

import io.cairn.api.ApiPaths;
import io.cairn.api.EnrollRequest;
import io.cairn.api.EnrollResponse;
import io.cairn.api.ErrorBody;
import io.cairn.api.JoinToken;
import io.cairn.auth.ClusterSecret;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.Json;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A new process redeems a v2 join token for the cluster secret at the first controller that answers
 * ({@link ApiPaths#ENROLL}): it proves the token's secret without sending it, and opens the answer, sealed under a
 * key only the token's holder can derive.
 */
public final class Enrollment {
    private static final Logger LOG = LoggerFactory.getLogger(Enrollment.class);
    /** How long a process waits in all for a controller whose enrollment rate limit refuses it for now. */
    private static final Duration RATE_LIMITED_PATIENCE = Duration.ofSeconds(30);

    private Enrollment() {
    }

    /**
     * @param controllerUrls tried in order until one answers; the token is spent once, by the first that does
     * @throws CairnException UNAUTHORIZED when the token is refused (unknown, expired, used up), UNAVAILABLE when no
     *                        controller could be reached, INTERNAL when the answer does not open with the token
     */
    public static ClusterSecret redeem(JoinToken.Enrollment token, List<String> controllerUrls, Duration timeout) {
        List<String> failures = new ArrayList<>();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(unverified()).build()) {
            for (String url : controllerUrls) {
                URI uri = URI.create(HttpTransport.withoutTrailingSlash(url) + ApiPaths.ENROLL);
                EnrollResponse answer;
                try {
                    answer = send(client, uri, token, timeout);
                } catch (IOException e) {
                    failures.add(url + ": " + e);
                    continue;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CairnException(ErrorCode.UNAVAILABLE, "interrupted while enrolling", e);
                } catch (CairnException e) {
                    // A refusal is the cluster's answer, the same at every controller; an outage is one controller's.
                    if (e.code() != ErrorCode.UNAVAILABLE && e.code() != ErrorCode.INTERNAL) {
                        throw e;
                    }
                    failures.add(url + ": " + e.getMessage());
                    continue;
                }
                // Not tried elsewhere when it fails: the use may be spent, and a second answer would be refused.
                ClusterSecret secret = open(answer, token, uri);
                LOG.info("joined cluster {} with join token {} at {}", answer.cluster_id(), token.id(), url);
                return secret;
            }
        }
        throw new CairnException(ErrorCode.UNAVAILABLE, "no controller took the join token: "
                + String.join("; ", failures));
    }

    private static EnrollResponse send(HttpClient client, URI uri, JoinToken.Enrollment token, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + RATE_LIMITED_PATIENCE.toNanos();
        while (true) {
            // A fresh time (and proof) for each attempt: a wait for the rate limit must not age the proof.
            long now = Instant.now().getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.toBytes(new EnrollRequest(token.id(), now,
                            token.secret().proof(token.id(), now))))).build();
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 200) {
                return Json.fromBytes(response.body(), EnrollResponse.class);
            }
            long wait = response.headers().firstValueAsLong("Retry-After").orElse(1);
            if (response.statusCode() != 429 || System.nanoTime() + Duration.ofSeconds(wait).toNanos() > deadline) {
                throw error(response);
            }
            Thread.sleep(Duration.ofSeconds(Math.max(1, wait)));
        }
    }

    /**
     * The answer's authenticity comes from here, not from TLS: AES-GCM under a key derived from the token's secret
     * opens only what a holder of that secret (a controller) sealed for this token id, unaltered.
     */
    private static ClusterSecret open(EnrollResponse answer, JoinToken.Enrollment token, URI uri) {
        try {
            return token.secret().open(answer.sealed_secret() == null ? "" : answer.sealed_secret(), token.id());
        } catch (CairnException | IllegalArgumentException e) {
            throw new CairnException(ErrorCode.INTERNAL, "the answer of " + uri.getAuthority() + " does not open "
                    + "with this join token: it was altered on the way, or is not from a controller of the cluster "
                    + "the token is for");
        }
    }

    private static CairnException error(HttpResponse<byte[]> response) {
        try {
            ErrorBody body = Json.MAPPER.readValue(response.body(), ErrorBody.class);
            if (body.error() != null) {
                return new CairnException(ErrorCode.fromName(body.error()), body.message());
            }
        } catch (IOException | RuntimeException ignored) {
            // Not one of ours: the status alone must do.
        }
        return new CairnException(response.statusCode() >= 500 ? ErrorCode.UNAVAILABLE : ErrorCode.BAD_REQUEST,
                "HTTP " + response.statusCode() + " from " + response.uri());
    }

    /**
     * TLS that accepts any server certificate, for this one call only. With internal TLS on, a controller's port
     * presents a certificate of the cluster CA, which the joining process cannot check yet: that CA is derived from
     * the very secret it is about to receive. Not verifying the server is safe here because nothing it answers is
     * trusted on the strength of TLS: the proof sent is good for one token id and five minutes, reveals nothing of
     * the token's secret, and a stranger who replays it can at worst spend a use, never open the answer; and the
     * answer is the cluster secret sealed with AES-GCM under a key derived from the token's secret, so a stranger's
     * answer, or one altered on the way, fails to open ({@link #open}) rather than being believed. Every later call of
     * the process verifies the cluster CA as usual.
     */
    private static SSLContext unverified() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AnyServer()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has TLS", e);
        }
    }

    /**
     * Extended, so that the JDK does not add its host name check around it (the controller may be reached by a name
     * its certificate does not list, and the name proves nothing here either).
     */
    private static final class AnyServer extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("a client trusts no client");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("a client trusts no client");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType)
                throws CertificateException {
            throw new CertificateException("a client trusts no client");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
