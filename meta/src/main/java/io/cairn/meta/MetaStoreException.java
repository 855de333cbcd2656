package io.cairn.meta;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;

/**
 * The metadata store itself failed (I/O error, corrupt value, use after close). Unlike a rejection this is not a
 * property of the command: it differs between replicas, so it must stop the apply loop rather than become a result.
 */
public final class MetaStoreException extends CairnException {
    public MetaStoreException(String message, Throwable cause) {
        super(ErrorCode.INTERNAL, message, cause);
    }

    public MetaStoreException(String message) {
        super(ErrorCode.INTERNAL, message);
    }
}
