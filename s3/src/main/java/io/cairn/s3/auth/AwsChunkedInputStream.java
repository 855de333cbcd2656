package io.cairn.s3.auth;

import io.cairn.client.TransferMemory;
import io.cairn.s3.S3Error;
import io.cairn.s3.S3Exception;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Decodes an aws-chunked body: {@code hex-size[;chunk-signature=sig] CRLF data CRLF ...}, ended by a chunk of size 0,
 * its trailer lines ({@code name:value CRLF}) and an empty line. Exactly one chunk is held at a time, so a signed
 * chunk is verified before any of its bytes reach the reader and memory stays bounded whatever the body's length.
 * Anything but a complete, well-formed body ends in an {@link S3Exception}, never in a short read.
 */
final class AwsChunkedInputStream extends InputStream {
    static final int MAX_CHUNK_SIZE = 16 * 1024 * 1024;
    /**
     * The chunk buffer a body holds without asking for more memory: the AWS SDKs send 64 KiB or 128 KiB chunks,
     * botocore 1 MiB ({@link #limitMemory}).
     */
    static final int CHUNK_ALLOWANCE = 1024 * 1024;
    /** The framing's read buffer (the {@link BufferedInputStream}'s default). */
    static final int READ_BUFFER = 8192;
    // A chunk header or trailer line is about a hundred bytes; anything much longer is garbage, not worth buffering.
    private static final int MAX_LINE = 4096;
    // The announced checksum and the trailer's signature.
    private static final int MAX_TRAILERS = 2;
    private static final String CHUNK_SIGNATURE = "chunk-signature=";
    private static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";

    private final InputStream in;
    private final Optional<ChunkSigner> signer;
    private final Optional<ChecksumAlgorithm> trailer;
    private final OptionalLong decodedLength;
    private String previousSignature;
    private byte[] chunk = new byte[0];
    private int position;
    private int limit;
    private long decoded;
    private boolean finished;
    private String trailerChecksum;
    private long granted = Long.MAX_VALUE;
    private MemoryGrant grant = bytes -> { };

    /**
     * @param signer        present when every chunk (and the trailer) carries a signature to verify
     * @param trailer       present when the body ends with this checksum as a trailer
     * @param decodedLength the x-amz-decoded-content-length the client announced, if it did
     */
    AwsChunkedInputStream(InputStream raw, Optional<ChunkSigner> signer, Optional<ChecksumAlgorithm> trailer,
            OptionalLong decodedLength) {
        this.in = new BufferedInputStream(raw, READ_BUFFER);
        this.signer = signer;
        this.trailer = trailer;
        this.decodedLength = decodedLength;
        this.previousSignature = signer.map(ChunkSigner::seedSignature).orElse("");
    }

    @Override
    public int read() throws IOException {
        return fill() ? chunk[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, limit - position);
        System.arraycopy(chunk, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return limit - position;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * Holds chunks up to {@code allowance} bytes in the memory its reader reserved, and asks {@code grant} for the
     * rest of a larger one before it allocates it (the grant throws to refuse).
     */
    void limitMemory(long allowance, MemoryGrant grant) {
        this.granted = allowance;
        this.grant = grant;
    }

    /** The value of the announced checksum trailer, available once the body has been read to its end. */
    String trailerChecksum() {
        if (!finished) {
            throw new IllegalStateException("the trailer comes after the body's last chunk");
        }
        return trailerChecksum;
    }

    /** Makes sure unread bytes are at hand, decoding the next chunk if need be; false at the end of the body. */
    private boolean fill() throws IOException {
        while (position == limit && !finished) {
            nextChunk();
        }
        return position < limit;
    }

    private void nextChunk() throws IOException {
        String header = readLine();
        int semicolon = header.indexOf(';');
        int size = chunkSize(semicolon < 0 ? header : header.substring(0, semicolon));
        if (chunk.length < size) {
            if (size > granted) {
                // What the larger buffer takes of the heap beyond what was reserved for one of the allowance.
                grant.take(TransferMemory.heapCost(size) - TransferMemory.heapCost(granted));
                granted = size;
            }
            chunk = new byte[size];
        }
        if (in.readNBytes(chunk, 0, size) < size) {
            throw truncated();
        }
        if (size > 0 && !readLine().isEmpty()) {
            throw malformed("a chunk's data is longer than its size");
        }
        if (signer.isPresent()) {
            verifyChunk(signer.get(), semicolon < 0 ? "" : header.substring(semicolon + 1), size);
        }
        decoded += size;
        if (decodedLength.isPresent() && decoded > decodedLength.getAsLong()) {
            throw wrongLength();
        }
        if (size == 0) {
            finish();
        } else {
            position = 0;
            limit = size;
        }
    }

    private static int chunkSize(String hex) {
        // The limit needs six hex digits; eight leave room for zero padding and still parse without overflow.
        if (hex.isEmpty() || hex.length() > 8 || !hex.chars().allMatch(HexFormat::isHexDigit)) {
            throw malformed("a chunk size is not a hexadecimal number");
        }
        long size = Long.parseLong(hex, 16);
        if (size > MAX_CHUNK_SIZE) {
            throw malformed("a chunk of " + size + " bytes is larger than the " + MAX_CHUNK_SIZE
                    + " bytes a chunk may have");
        }
        return (int) size;
    }

    private void verifyChunk(ChunkSigner chunkSigner, String extension, int size) {
        if (!extension.startsWith(CHUNK_SIGNATURE)) {
            throw malformed("a chunk has no chunk-signature");
        }
        String claimed = extension.substring(CHUNK_SIGNATURE.length());
        verify(chunkSigner.chunkSignature(previousSignature, chunk, size), claimed);
        previousSignature = claimed;
    }

    private void finish() throws IOException {
        Map<String, String> trailers = readTrailers();
        if (trailer.isPresent()) {
            String name = trailer.get().headerName();
            trailerChecksum = trailers.remove(name);
            if (trailerChecksum == null) {
                throw malformed("the body has no " + name + " trailer");
            }
            if (signer.isPresent()) {
                String claimed = trailers.remove(TRAILER_SIGNATURE);
                if (claimed == null) {
                    throw malformed("the trailer has no " + TRAILER_SIGNATURE);
                }
                verify(signer.get().trailerSignature(previousSignature, name + ":" + trailerChecksum + "\n"), claimed);
            }
        }
        if (!trailers.isEmpty()) {
            throw malformed("unexpected trailer " + String.join(", ", trailers.keySet()));
        }
        if (decodedLength.isPresent() && decoded != decodedLength.getAsLong()) {
            throw wrongLength();
        }
        if (in.read() >= 0) {
            throw malformed("there are bytes after the body's end");
        }
        finished = true;
    }

    private Map<String, String> readTrailers() throws IOException {
        Map<String, String> trailers = new LinkedHashMap<>();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon <= 0 || trailers.size() == MAX_TRAILERS) {
                throw malformed("malformed trailer");
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            if (trailers.put(name, line.substring(colon + 1).strip()) != null) {
                throw malformed("trailer " + name + " is repeated");
            }
        }
        return trailers;
    }

    /** A line ended by CRLF, without it; bytes are taken as ISO-8859-1, which is all the framing needs. */
    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\r'; c = in.read()) {
            if (c < 0) {
                throw truncated();
            }
            if (line.length() == MAX_LINE) {
                throw malformed("a line is longer than " + MAX_LINE + " bytes");
            }
            line.append((char) c);
        }
        int lineFeed = in.read();
        if (lineFeed < 0) {
            throw truncated();
        }
        if (lineFeed != '\n') {
            throw malformed("a CR is not followed by LF");
        }
        return line.toString();
    }

    private static void verify(String expected, String claimed) {
        if (!Digests.sameSignature(expected, claimed)) {
            throw new S3Exception(S3Error.SignatureDoesNotMatch,
                    "The request signature we calculated does not match the signature you provided.");
        }
    }

    private S3Exception wrongLength() {
        return new S3Exception(S3Error.IncompleteBody, "The decoded body does not have the "
                + decodedLength.getAsLong() + " bytes its x-amz-decoded-content-length announced.");
    }

    private static S3Exception truncated() {
        return new S3Exception(S3Error.IncompleteBody, "The aws-chunked body ended before its final chunk.");
    }

    private static S3Exception malformed(String detail) {
        return new S3Exception(S3Error.InvalidRequest, "Malformed aws-chunked body: " + detail + ".");
    }
}
