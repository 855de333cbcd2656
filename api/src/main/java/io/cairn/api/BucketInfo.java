package io.cairn.api;

import io.cairn.core.model.Acl;
import io.cairn.core.model.Consistency;
import io.cairn.core.model.ObjectOwnership;
import io.cairn.core.model.PublicAccessBlock;
import io.cairn.core.model.Versioning;

/**
 * @param versioning  how the bucket keeps versions (S3's versioning state)
 * @param consistency how many copies a write waits for unless it says ({@code strong}, {@code quorum}, {@code one})
 * @param owner       the user who created it, null for the root user's
 * @param acl         what its ACL grants beyond the owner, null for nothing
 * @param ownership   its Object Ownership setting, null for none
 * @param publicAccessBlock its Block Public Access settings, null for none
 */
public record BucketInfo(String name, String created_at, Versioning versioning, Consistency consistency, String owner,
                         Acl acl, ObjectOwnership ownership, PublicAccessBlock publicAccessBlock) {
}
