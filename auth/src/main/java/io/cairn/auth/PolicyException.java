package io.cairn.auth;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;

/**
 * A policy document, canned ACL or canned policy name that Cairn refuses. The message is meant for the person who
 * wrote the document: it names the statement and the element that is wrong, so it can be returned as is.
 */
public final class PolicyException extends CairnException {
    public PolicyException(String message) {
        super(ErrorCode.INVALID_ARGUMENT, message);
    }
}
