package io.cairn.s3.auth;

import io.cairn.s3.S3Error;
import io.cairn.s3.S3Exception;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The body of an authenticated request as its headers describe it: its {@link PayloadMode}, the signatures of its
 * chunks and the checksum it declared, read into one {@link VerifiedBody} by {@link #open}.
 */
public final class Payload {
    private final PayloadMode mode;
    private final String contentSha256;
    private final ChunkSigner chunkSigner;
    private final OptionalLong decodedLength;
    private final Optional<ChecksumValue> headerChecksum;
    private final Optional<ChecksumAlgorithm> trailerChecksum;

    private Payload(PayloadMode mode, String contentSha256, ChunkSigner chunkSigner, OptionalLong decodedLength,
            Optional<ChecksumValue> headerChecksum, Optional<ChecksumAlgorithm> trailerChecksum) {
        this.mode = mode;
        this.contentSha256 = contentSha256;
        this.chunkSigner = chunkSigner;
        this.decodedLength = decodedLength;
        this.headerChecksum = headerChecksum;
        this.trailerChecksum = trailerChecksum;
    }

    /** Reads the headers that describe the body, refusing bad ones before any of the body is read. */
    static Payload of(SignedRequest request, PayloadMode mode, String contentSha256, ChunkSigner chunkSigner) {
        Optional<ChecksumAlgorithm> trailer = mode.hasTrailer() ? Optional.of(trailerChecksum(request))
                : Optional.empty();
        List<ChecksumValue> headers = describesBody(request) ? checksums(request::header) : List.of();
        if (headers.size() + (trailer.isPresent() ? 1 : 0) > 1) {
            throw multipleChecksums();
        }
        OptionalLong decodedLength = mode.isChunked() ? decodedLength(request) : OptionalLong.empty();
        return new Payload(mode, contentSha256, chunkSigner, decodedLength, headers.stream().findFirst(), trailer);
    }

    /**
     * The body of a request without a signature (one a bucket policy lets anyone make): nothing vouches for it, so
     * only the checksums it declares are checked.
     */
    public static Payload anonymous(SignedRequest request) {
        return of(request, PayloadMode.UNSIGNED, null, null);
    }

    /**
     * The file of a browser form (POST Object): its form's policy is what was signed, not the file, so only the
     * checksum an {@code x-amz-checksum-*} field declares vouches for it.
     */
    public static VerifiedBody formFile(InputStream file, PostForm form) {
        List<ChecksumValue> fields = checksums(name -> Optional.ofNullable(form.get(name)));
        if (fields.size() > 1) {
            throw multipleChecksums();
        }
        return declared(file, fields.stream().findFirst());
    }

    public PayloadMode mode() {
        return mode;
    }

    /** Wraps the raw request body, as it came off the connection, in the checks this payload calls for. */
    public VerifiedBody open(InputStream raw) {
        if (!mode.isChunked()) {
            return declared(mode == PayloadMode.SHA256 ? new PayloadHashInputStream(raw, contentSha256) : raw,
                    headerChecksum);
        }
        AwsChunkedInputStream decoded = new AwsChunkedInputStream(raw,
                mode.signsChunks() ? Optional.of(chunkSigner) : Optional.empty(), trailerChecksum, decodedLength);
        return trailerChecksum.map(algorithm -> VerifiedBody.checking(decoded, algorithm, decoded::trailerChecksum))
                .orElseGet(() -> declared(decoded, headerChecksum));
    }

    /** A body checked against the checksum declared for it before it came, if any. */
    private static VerifiedBody declared(InputStream body, Optional<ChecksumValue> checksum) {
        return checksum.map(c -> VerifiedBody.checking(body, c.algorithm(), c::base64))
                .orElseGet(() -> VerifiedBody.unchecked(body));
    }

    /**
     * CompleteMultipartUpload (a POST with an uploadId) is the one request whose x-amz-checksum-* describes something
     * else, the assembled object; its XML body carries no checksum of its own.
     */
    private static boolean describesBody(SignedRequest request) {
        return !(request.method().equals("POST") && request.queryValue("uploadId").isPresent());
    }

    private static S3Exception multipleChecksums() {
        return new S3Exception(S3Error.InvalidRequest,
                "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
    }

    /** The x-amz-checksum-* a request's headers (or a form's fields) declare, each looked up by name. */
    private static List<ChecksumValue> checksums(Function<String, Optional<String>> lookup) {
        return Arrays.stream(ChecksumAlgorithm.values())
                .flatMap(algorithm -> lookup.apply(algorithm.headerName())
                        .map(value -> ChecksumValue.fromHeader(algorithm, value)).stream())
                .toList();
    }

    private static ChecksumAlgorithm trailerChecksum(SignedRequest request) {
        return request.header("x-amz-trailer").flatMap(ChecksumAlgorithm::forHeaderName).orElseThrow(() ->
                new S3Exception(S3Error.InvalidRequest,
                        "The value specified in the x-amz-trailer header is not supported"));
    }

    private static OptionalLong decodedLength(SignedRequest request) {
        Optional<String> header = request.header("x-amz-decoded-content-length");
        if (header.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long length = Long.parseLong(header.get().strip());
            if (length >= 0) {
                return OptionalLong.of(length);
            }
        } catch (NumberFormatException notANumber) {
            // refused below, like a negative length
        }
        throw new S3Exception(S3Error.InvalidArgument, "x-amz-decoded-content-length must be a non-negative number");
    }
}
