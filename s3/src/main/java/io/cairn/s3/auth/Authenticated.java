package io.cairn.s3.auth;

import java.util.Optional;

/**
 * A request whose signature checked out.
 *
 * @param region  the region its SigV4 credential scope named, which Cairn answers to whatever it is; empty for SigV2,
 *                whose signatures name none
 * @param payload how its body is protected, and the way to read it with those protections checked
 */
public record Authenticated(String accessKeyId, Optional<String> region, Payload payload) {
}
