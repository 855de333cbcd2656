package io.cairn.s3.auth;

/**
 * A request whose signature checked out.
 *
 * @param region  the region its credential scope named; Cairn answers to any
 * @param payload how its body is protected, and the way to read it with those protections checked
 */
public record Authenticated(String accessKeyId, String region, Payload payload) {
}
