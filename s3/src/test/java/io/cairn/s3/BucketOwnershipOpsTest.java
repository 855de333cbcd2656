package io.cairn.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.model.ObjectOwnership;
import org.junit.jupiter.api.Test;

/** CreateBucket's x-amz-object-ownership: S3's names, exactly. */
class BucketOwnershipOpsTest {
    @Test
    void readsS3sNames() {
        assertThat(BucketOwnershipOps.fromHeader(null)).isNull();
        assertThat(BucketOwnershipOps.fromHeader("BucketOwnerEnforced"))
                .isEqualTo(ObjectOwnership.BUCKET_OWNER_ENFORCED);
        assertThat(BucketOwnershipOps.fromHeader(" BucketOwnerPreferred"))
                .isEqualTo(ObjectOwnership.BUCKET_OWNER_PREFERRED);
        assertThat(BucketOwnershipOps.fromHeader("ObjectWriter")).isEqualTo(ObjectOwnership.OBJECT_WRITER);
    }

    @Test
    void refusesOthers() {
        for (String bad : new String[] {"", "objectwriter", "BUCKET_OWNER_ENFORCED"}) {
            assertThatThrownBy(() -> BucketOwnershipOps.fromHeader(bad)).as(bad)
                    .isInstanceOfSatisfying(S3Exception.class,
                            e -> assertThat(e.error()).isEqualTo(S3Error.InvalidArgument));
        }
    }
}
