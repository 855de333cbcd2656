package io.cairn.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cairn.core.model.Acl;
import io.cairn.core.model.Consistency;
import io.cairn.core.model.ObjectOwnership;
import io.cairn.core.model.PublicAccessBlock;
import io.cairn.core.model.Tags;
import io.cairn.core.model.Versioning;
import java.util.Map;

/**
 * @param versioning  how the bucket keeps versions (S3's versioning state)
 * @param consistency how many copies a write waits for unless it says ({@code strong}, {@code quorum}, {@code one})
 * @param owner       the user who created it, null for the root user's
 * @param acl         what its ACL grants beyond the owner, null for nothing
 * @param ownership   its Object Ownership setting, null for none
 * @param publicAccessBlock its Block Public Access settings, null for none
 * @param tags        its tags (S3's bucket tagging), sorted by key; empty for none, and then left out (so the REST
 *                    API's bucket listing reads as before)
 */
public record BucketInfo(String name, String created_at, Versioning versioning, Consistency consistency, String owner,
                         Acl acl, ObjectOwnership ownership, PublicAccessBlock publicAccessBlock,
                         @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> tags) {
    public BucketInfo {
        tags = Tags.sorted(tags);
    }
}
