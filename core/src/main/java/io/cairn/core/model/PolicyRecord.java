package io.cairn.core.model;

/**
 * A named access policy that users can have attached.
 *
 * @param document  an IAM policy in JSON, checked by whoever stored it; opaque to the metadata
 * @param createdAt when the name was first stored; replacing the document keeps it
 */
public record PolicyRecord(String name, String document, long createdAt) {
}
