package io.cairn.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a node did with {@code DELETE /chunks/{id}?generation=G}; on the wire in lower case. A delete only ever removes
 * the copy it was decided about: a newer one (another generation) is left alone.
 */
public enum CopyDeletion {
    /** The copy of that generation is gone. */
    DELETED,
    /** The node has no copy of the chunk. */
    ABSENT,
    /** The node's copy has another generation and was kept. */
    CHANGED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static CopyDeletion parse(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
