package io.cairn.meta;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.util.Objects;

/**
 * The outcome of applying one {@link MetaCommand}: a value (its type is documented on each command) or a deterministic
 * rejection, which every replica reaches alike and which changed nothing but the applied index.
 */
public sealed interface ApplyResult {

    record Ok(Object value) implements ApplyResult {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    record Rejected(ErrorCode code, String message) implements ApplyResult {
        public Rejected {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The value as {@code type}, or the rejection as a {@link CairnException} with its code and message.
     *
     * @throws ClassCastException if the value is of another type (a caller's bug)
     */
    default <T> T orThrow(Class<T> type) {
        return switch (this) {
            case Ok ok -> type.cast(ok.value());
            case Rejected rejected -> throw new CairnException(rejected.code(), rejected.message());
        };
    }
}
