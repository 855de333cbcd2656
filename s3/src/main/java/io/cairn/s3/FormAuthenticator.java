package io.cairn.s3;

import io.cairn.http.Caller;
import io.cairn.s3.auth.PostForm;
import java.util.Optional;

/**
 * Who a browser form (POST Object) speaks for: its credential is among its fields, in the body, so it is known only
 * once the fields before the file are read.
 */
@FunctionalInterface
interface FormAuthenticator {
    /**
     * @return the signed form's user and policy; empty for a form without a credential, which is the request's own
     *         (anonymous, unless its headers were signed)
     * @throws S3Exception when a credential field is missing or malformed, the key unknown, the signature wrong, or the
     *                     policy malformed or expired
     */
    Optional<SignedForm> authenticate(PostForm form);

    /** @param policy checked unexpired */
    record SignedForm(Caller.User caller, PostPolicy policy) {
    }
}
