package io.cairn.app.cli;

import java.util.StringJoiner;

/** Builds "?a=1&b=x" with encoded values, skipping absent ones, so call sites list every parameter in one place. */
final class QueryString {
    private final StringJoiner joiner = new StringJoiner("&", "?", "").setEmptyValue("");

    QueryString add(String name, Object value) {
        if (value != null) {
            joiner.add(name + "=" + KeyEncoding.component(value.toString()));
        }
        return this;
    }

    @Override
    public String toString() {
        return joiner.toString();
    }
}
