package io.cairn.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.regex.Pattern;

/** A storage node's stable identity, chosen once when its data directory is first used. */
public record NodeId(String value) implements Comparable<NodeId> {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public NodeId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new CairnException(ErrorCode.INVALID_ARGUMENT,
                    "node id must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit: " + value);
        }
    }

    /** The wire form is the bare string. */
    @JsonCreator
    public static NodeId parse(String value) {
        return new NodeId(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public int compareTo(NodeId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
