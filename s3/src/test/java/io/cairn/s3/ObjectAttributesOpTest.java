package io.cairn.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.s3.ObjectAttributesOp.Attribute;
import org.junit.jupiter.api.Test;

/** x-amz-object-attributes, as the SDKs send it: the names joined with commas. */
class ObjectAttributesOpTest {
    @Test
    void readsTheNamesAskedFor() {
        assertThat(ObjectAttributesOp.attributes("ETag,Checksum,ObjectParts,StorageClass,ObjectSize"))
                .containsExactlyInAnyOrder(Attribute.values());
        assertThat(ObjectAttributesOp.attributes(" ObjectSize , ETag,ETag")).containsExactlyInAnyOrder(
                Attribute.ObjectSize, Attribute.ETag);
    }

    @Test
    void refusesNoneAndUnknownOnes() {
        for (String bad : new String[] {null, "", "  ", "Size", "etag", "ETag,,ObjectSize"}) {
            assertThatThrownBy(() -> ObjectAttributesOp.attributes(bad)).as(bad)
                    .isInstanceOfSatisfying(S3Exception.class,
                            e -> assertThat(e.error()).isEqualTo(S3Error.InvalidArgument));
        }
    }
}
