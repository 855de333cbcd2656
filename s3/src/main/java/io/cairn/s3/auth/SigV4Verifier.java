package io.cairn.s3.auth;

import io.cairn.s3.S3Error;
import io.cairn.s3.S3Exception;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies AWS Signature Version 4 as S3 does, signed in the Authorization header or presigned in the query. The
 * body is verified later, as it is read: see {@link Payload#open}.
 */
public final class SigV4Verifier {
    private static final Logger LOG = LoggerFactory.getLogger(SigV4Verifier.class);
    /** Signing keys kept at most: a key per secret, day and region in use, so a handful in practice. */
    static final int KEYS_KEPT = 1024;

    private final SecretLookup secrets;
    /**
     * Derived signing keys: deriving one takes four HMACs, as much as the rest of a small request's signature check.
     * Keyed by the secret itself, so a changed secret derives a new key; emptied when full, as the day and region
     * come from the client.
     */
    private final ConcurrentHashMap<KeyScope, SigningKey> keys = new ConcurrentHashMap<>();

    public SigV4Verifier(SecretLookup secrets) {
        this.secrets = secrets;
    }

    /**
     * @throws S3Exception with S3's code for what is wrong; AccessDenied for an anonymous request, which the caller
     *                     can tell beforehand with {@link SignedRequest#signatureVersion()}
     */
    public Authenticated verify(SignedRequest request) {
        SignatureClaim claim = claim(request);
        requireSigned(request, claim.signedHeaders());
        PayloadMode mode = PayloadMode.of(claim.contentSha256());
        CredentialScope credential = claim.credential();
        SigningKey key = signingKey(secrets.requireSecret(credential.accessKeyId()), credential);
        String canonicalRequest = CanonicalRequest.of(request, claim.signedHeaders(), claim.contentSha256());
        if (!Digests.sameSignature(key.sign(claim.stringToSign(canonicalRequest)), claim.signature())) {
            // What the client should have signed: compared with its own, it shows what differs.
            LOG.debug("signature mismatch for access key {}; canonical request:\n{}", credential.accessKeyId(),
                    canonicalRequest);
            throw Digests.signatureDoesNotMatch();
        }
        ChunkSigner chunkSigner = new ChunkSigner(key, AmzDate.basic(claim.time()), credential.scope(),
                claim.signature());
        return new Authenticated(credential.accessKeyId(), Optional.of(credential.region()),
                Payload.of(request, mode, claim.contentSha256(), chunkSigner));
    }

    private SigningKey signingKey(String secret, CredentialScope scope) {
        KeyScope at = new KeyScope(secret, scope.date(), scope.region(), scope.service());
        SigningKey key = keys.get(at);
        if (key == null) {
            if (keys.size() >= KEYS_KEPT) {
                keys.clear();
            }
            key = SigningKey.derive(secret, scope);
            keys.put(at, key);
        }
        return key;
    }

    private record KeyScope(String secret, String date, String region, String service) {
    }

    private static SignatureClaim claim(SignedRequest request) {
        if (request.signatureVersion() == SignatureVersion.NONE) {
            throw new S3Exception(S3Error.AccessDenied, "Access Denied");
        }
        return request.hasAuthorizationHeader() ? HeaderAuthorization.read(request) : QueryAuthorization.read(request);
    }

    /** Host and every x-amz-* header present must be signed, or they could be added or changed on the way. */
    private static void requireSigned(SignedRequest request, List<String> signedHeaders) {
        TreeSet<String> unsigned = Stream.concat(Stream.of("host"),
                        request.headers().keySet().stream().filter(name -> name.startsWith("x-amz-")))
                .collect(Collectors.toCollection(TreeSet::new));
        signedHeaders.forEach(name -> unsigned.remove(name.toLowerCase(Locale.ROOT)));
        if (!unsigned.isEmpty()) {
            throw new S3Exception(S3Error.AccessDenied, "There were headers present in the request which were not "
                    + "signed: " + String.join(", ", unsigned));
        }
    }
}
