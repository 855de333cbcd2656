package io.cairn.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A node's answer to {@code POST /chunks/{id}/verify}: what re-hashing its copy found, and the generation of the copy
 * it read (0 when absent). A corrupt copy has been quarantined by the time this is answered.
 */
public record VerifyResult(State state, long generation) {
    /** On the wire in lower case. */
    public enum State {
        OK,
        CORRUPT,
        ABSENT;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static State parse(String wire) {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        }
    }
}
