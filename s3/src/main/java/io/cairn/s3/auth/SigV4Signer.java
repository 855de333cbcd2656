package io.cairn.s3.auth;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Signs a request in its Authorization header, as an S3 client does, for Cairn's own S3 client (the benchmark). It
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

    private SigningKey key(CredentialScope scope) {
        DayKey current = dayKey;
        if (current == null || !current.day().equals(scope.date())) {
            current = new DayKey(scope.date(), SigningKey.derive(secret, scope));
            dayKey = current;
        }
        return current.key();
    }
}
