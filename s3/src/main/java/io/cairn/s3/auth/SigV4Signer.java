package io.cairn.s3.auth;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Signs a request in its Authorization header, as an S3 client does, for Cairn's own S3 client (the benchmark), or
 * presigns a URL (the web console's share links). It
 * builds the canonical request, scope and signing key with the very classes the verifier rebuilds them with, so the
 * client and the server cannot drift apart. Thread-safe.
 */
public final class SigV4Signer {
    private final String accessKeyId;
    private final String secret;
    private final String region;
    /** Derived once per day of the scope rather than per request: four HMACs saved on every small request. */
    private volatile DayKey dayKey;

    private record DayKey(String day, SigningKey key) {
    }

    public SigV4Signer(String accessKeyId, String secret, String region) {
        this.accessKeyId = accessKeyId;
        this.secret = secret;
        this.region = region;
    }

    /**
     * The headers to add to {@code request} for it to verify: {@code x-amz-date}, {@code x-amz-content-sha256} and
     * {@code authorization}. The host header and every {@code x-amz-*} header the request carries are signed;
     * {@code request.now()} is the time of the signature.
     *
     * @param request       the request as it will be sent: its decoded path and query, and a {@code host} header
     *                      with the value the HTTP client sends
     * @param contentSha256 the body's lower-case hex SHA-256, or {@code UNSIGNED-PAYLOAD}
     */
    public Map<String, String> sign(SignedRequest request, String contentSha256) {
        Instant time = request.now().truncatedTo(ChronoUnit.SECONDS);
        String amzDate = AmzDate.basic(time);
        Map<String, List<String>> headers = new HashMap<>(request.headers());
        headers.put("x-amz-date", List.of(amzDate));
        headers.put("x-amz-content-sha256", List.of(contentSha256));
        SignedRequest signed = new SignedRequest(request.method(), request.path(), request.query(), headers, time);
        List<String> signedHeaders = signed.headers().keySet().stream()
                .filter(name -> name.equals("host") || name.startsWith("x-amz-")).sorted().toList();
        CredentialScope scope = new CredentialScope(accessKeyId, AmzDate.day(time), region, CredentialScope.SERVICE);
        String stringToSign = new SignatureClaim(scope, signedHeaders, null, time, contentSha256)
                .stringToSign(CanonicalRequest.of(signed, signedHeaders, contentSha256));
        String signature = key(scope).sign(stringToSign);
        return Map.of("x-amz-date", amzDate, "x-amz-content-sha256", contentSha256, "authorization",
                SignatureClaim.ALGORITHM + " Credential=" + accessKeyId + "/" + scope.scope() + ", SignedHeaders="
                        + String.join(";", signedHeaders) + ", Signature=" + signature);
    }

    /**
     * The query of a presigned URL for {@code request} valid for {@code expiresSeconds} from {@code request.now()}:
     * its own parameters, then the {@code X-Amz-*} ones, each encoded as SigV4 encodes them. Only the host is signed,
     * and no body (UNSIGNED-PAYLOAD), as S3's presigned URLs do.
     *
     * @param request the decoded path and query of the URL, and a {@code host} header with its authority
     */
    public String presignedQuery(SignedRequest request, long expiresSeconds) {
        Instant time = request.now().truncatedTo(ChronoUnit.SECONDS);
        CredentialScope scope = new CredentialScope(accessKeyId, AmzDate.day(time), region, CredentialScope.SERVICE);
        List<SignedRequest.QueryParameter> query = new ArrayList<>(request.query());
        query.add(new SignedRequest.QueryParameter("X-Amz-Algorithm", SignatureClaim.ALGORITHM));
        query.add(new SignedRequest.QueryParameter("X-Amz-Credential", accessKeyId + "/" + scope.scope()));
        query.add(new SignedRequest.QueryParameter("X-Amz-Date", AmzDate.basic(time)));
        query.add(new SignedRequest.QueryParameter("X-Amz-Expires", Long.toString(expiresSeconds)));
        query.add(new SignedRequest.QueryParameter("X-Amz-SignedHeaders", "host"));
        SignedRequest signed = new SignedRequest(request.method(), request.path(), query,
                Map.of("host", request.headers().get("host")), time);
        String payload = QueryAuthorization.UNSIGNED_PAYLOAD;
        String signature = key(scope).sign(new SignatureClaim(scope, List.of("host"), null, time, payload)
                .stringToSign(CanonicalRequest.of(signed, List.of("host"), payload)));
        query.add(new SignedRequest.QueryParameter(QueryAuthorization.SIGNATURE, signature));
        StringBuilder text = new StringBuilder();
        for (SignedRequest.QueryParameter p : query) {
            text.append(text.isEmpty() ? "" : "&").append(UriEncoder.queryComponent(p.name())).append('=')
                    .append(UriEncoder.queryComponent(p.value()));
        }
        return text.toString();
    }

    private SigningKey key(CredentialScope scope) {
        DayKey current = dayKey;
        if (current == null || !current.day().equals(scope.date())) {
            current = new DayKey(scope.date(), SigningKey.derive(secret, scope));
            dayKey = current;
        }
        return current.key();
    }
}
