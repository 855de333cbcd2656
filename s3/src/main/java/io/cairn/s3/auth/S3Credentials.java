package io.cairn.s3.auth;

import io.cairn.http.Caller;

/** The access keys the S3 API accepts: a key's secret to check its signature, and whom a checked one speaks for. */
public interface S3Credentials extends SecretLookup {
    /** The user holding a key whose signature was just verified. */
    Caller.User userOf(String accessKeyId);
}
