package io.cairn.core.model;

import java.util.Objects;

/** One part a multipart completion uses, with the ETag its upload answered. */
public record PartChoice(int number, String etag) {
    public PartChoice {
        Objects.requireNonNull(etag, "etag");
    }
}
