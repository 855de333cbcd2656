package io.cairn.s3;

import io.cairn.http.Caller;
import io.cairn.s3.auth.PostForm;
import java.util.Optional;

/**
 * Who a browser form (POST Object) speaks for: its credential is among its fields, in the body, so it is known only
 * once the fields before the file are read, after the request's own authentication found none.
 */
@FunctionalInterface
interface FormAuthenticator {
    /**
     * @throws S3Exception when a credential field is missing or malformed, the key unknown, the signature wrong, or the
     *                     policy malformed or expired
     */
    FormCaller authenticate(PostForm form);

    /**
     * @param policy the form's signed policy, unexpired; empty for an anonymous form
     */
    record FormCaller(Caller caller, Optional<PostPolicy> policy) {
    }
}
