package io.cairn.gateway;

import io.cairn.api.MetadataService;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.model.ObjectVersion;
import io.cairn.http.Caller;
import io.cairn.http.Exchange;
import io.cairn.s3.auth.SigV4Signer;
import io.cairn.s3.auth.SignedRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /files/{name}/share}: a link that downloads a file without a credential until it expires. It is a
 * SigV4-presigned {@code GET /files?key=} on this API, signed with the sharer's own key, so it can do no more than the
 * sharer could, and stops working when that key is disabled; nothing about it is stored.
 */
final class ShareLinks {
    static final long DEFAULT_SECONDS = 3600;
    static final long MIN_SECONDS = 60;
    /** SigV4's longest. */
    static final long MAX_SECONDS = 7 * 24 * 3600;
    private static final String REGION = "us-east-1";

    private final MetadataService meta;
    private final KeyRing keys;
    private final Clock clock;

    ShareLinks(MetadataService meta, KeyRing keys, Clock clock) {
        this.meta = meta;
        this.keys = keys;
        this.clock = clock;
    }

    void share(Exchange ex, String bucket, String key, Long version) throws IOException {
        long seconds = ex.queryLong("expires", DEFAULT_SECONDS);
        if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
            throw CairnException.invalidArgument("expires is in seconds, from " + MIN_SECONDS + " to " + MAX_SECONDS
                    + " (7 days), not " + seconds);
        }
        ObjectVersion shared = meta.manifest(bucket, key, version).version();
        if (shared.deleteMarker()) {
            throw new CairnException(ErrorCode.NOT_FOUND, key + " is deleted: there is nothing to share");
        }
        String host = ex.host();
        if (host == null || host.isBlank()) {
            throw CairnException.badRequest("a share link is made for the Host the request names; it names none");
        }
        KeyRing.SigningKey signer = ex.caller() instanceof Caller.User user ? keys.signingKey(user).orElse(null)
                : null;
        if (signer == null) {
            throw new CairnException(ErrorCode.ACCESS_DENIED, "only a user's enabled access key can sign a share link");
        }
        List<SignedRequest.QueryParameter> query = new ArrayList<>();
        query.add(new SignedRequest.QueryParameter("bucket", bucket));
        query.add(new SignedRequest.QueryParameter("key", key));
        if (version != null) {
            query.add(new SignedRequest.QueryParameter("version", Long.toString(version)));
        }
        Instant now = clock.instant();
        String signed = new SigV4Signer(signer.accessKeyId(), signer.secret(), REGION).presignedQuery(
                new SignedRequest("GET", "/files", query, Map.of("host", List.of(host)), now), seconds);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", (ex.isSecure() ? "https://" : "http://") + host + "/files?" + signed);
        body.put("expires_at", now.plusSeconds(seconds).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        body.put("bucket", bucket);
        body.put("filename", key);
        body.put("version", version == null ? shared.version() : version);
        ex.sendJson(201, body);
    }
}
