package io.cairn.gateway;

import io.cairn.client.ContentCheck;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.model.Checksum;
import io.cairn.core.model.ContentInfo;
import io.cairn.http.Exchange;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SHA-256 a REST write declares for its body in {@code Content-Digest} (RFC 9530: {@code sha-256=:BASE64:}),
 * checked against the bytes as they stream through: a mismatch refuses the write before its commit, so nothing is
 * stored. The digest is kept as the version's (or part's) SHA256 checksum, the one S3 keeps for
 * {@code x-amz-checksum-sha256}, so a client can later tell whether what is stored is what it has.
 */
final class ContentDigest {
    static final String HEADER = "Content-Digest";
    /** The algorithm S3's records name it by: a REST digest and an S3 checksum are one record. */
    static final String ALGORITHM = "SHA256";
    private static final Pattern MEMBER = Pattern.compile(
            "\\s*([a-z][a-z0-9_.*-]*)\\s*=\\s*:([A-Za-z0-9+/=]*):\\s*(;[^,]*)?");

    private final byte[] declared;
    private final MessageDigest sha256;

    private ContentDigest(byte[] declared) {
        this.declared = declared;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * The digest a request declares, or null when it declares none.
     *
     * @throws CairnException INVALID_ARGUMENT when the header is not a dictionary of byte sequences, or names no
     *                        sha-256: a client that asked for a check must not believe one was made
     */
    static ContentDigest of(Exchange ex) {
        String header = ex.header(HEADER);
        return header == null ? null : parse(header);
    }

    static ContentDigest parse(String header) {
        byte[] sha256 = null;
        for (String member : header.split(",", -1)) {
            Matcher m = MEMBER.matcher(member);
            if (!m.matches()) {
                throw invalid("Content-Digest must read sha-256=:BASE64: (RFC 9530), got '" + header + "'");
            }
            if (m.group(1).equals("sha-256")) {
                sha256 = decode(m.group(2));
            }
        }
        if (sha256 == null) {
            throw invalid("Content-Digest names no sha-256, the only algorithm checked here");
        }
        return new ContentDigest(sha256);
    }

    private static byte[] decode(String base64) {
        try {
            byte[] bytes = Base64.getDecoder().decode(base64);
            if (bytes.length == 32) {
                return bytes;
            }
        } catch (IllegalArgumentException e) {
            // answered below, as a digest of the wrong length is
        }
        throw invalid("Content-Digest's sha-256 must be 32 bytes in base64 (44 characters)");
    }

    private static CairnException invalid(String message) {
        return new CairnException(ErrorCode.INVALID_ARGUMENT, message);
    }

    /**
     * The SHA-256 of all of a version's bytes (base64), when a write stated one; null otherwise, and for an S3
     * multipart object's COMPOSITE checksum, which is the digest of its parts' digests, not of its bytes.
     */
    static String sha256Of(Checksum checksum) {
        return checksum != null && checksum.algorithm().equals(ALGORITHM) && checksum.parts() == 0
                ? checksum.value() : null;
    }

    /** The header a download carries it in (RFC 9530: the digest of the whole file, a range's too). */
    static String reprDigest(String sha256) {
        return "sha-256=:" + sha256 + ":";
    }

    /** The body, digested as it is read. */
    InputStream wrap(InputStream body) {
        return new DigestInputStream(body, sha256);
    }

    /**
     * The check an upload runs once the body is read and stored, before its commit: the digest of what was read
     * must be the declared one. A null digest means the write declared none.
     */
    static ContentCheck check(ContentDigest digest) {
        return md5 -> {
            String etag = HexFormat.of().formatHex(md5);
            if (digest == null) {
                return new ContentInfo(etag, null, Map.of(), null);
            }
            byte[] read = digest.sha256.digest();
            if (!MessageDigest.isEqual(read, digest.declared)) {
                throw new CairnException(ErrorCode.CHECKSUM_MISMATCH, "the body's SHA-256 is "
                        + Base64.getEncoder().encodeToString(read) + ", not the Content-Digest's "
                        + Base64.getEncoder().encodeToString(digest.declared) + "; nothing was stored");
            }
            return new ContentInfo(etag, new Checksum(ALGORITHM, Base64.getEncoder().encodeToString(read), 0),
                    Map.of(), null);
        };
    }
}
