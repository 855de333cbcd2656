package io.cairn.s3.auth;

/**
 * The signatures of a signed aws-chunked body. Each chunk's signature covers its data and the signature before it,
 * the first one the request's own ({@code seedSignature}), so chunks can be neither changed, dropped nor reordered.
 */
record ChunkSigner(SigningKey key, String timestamp, String scope, String seedSignature) {

    String chunkSignature(String previousSignature, byte[] data, int length) {
        return key.sign(String.join("\n", "AWS4-HMAC-SHA256-PAYLOAD", timestamp, scope, previousSignature,
                Digests.EMPTY_SHA256, Digests.sha256Hex(data, length)));
    }

    /** @param canonicalTrailers the trailer lines as {@code name:value\n} */
    String trailerSignature(String lastChunkSignature, String canonicalTrailers) {
        return key.sign(String.join("\n", "AWS4-HMAC-SHA256-TRAILER", timestamp, scope, lastChunkSignature,
                Digests.sha256Hex(canonicalTrailers)));
    }
}
