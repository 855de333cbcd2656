package io.cairn.s3.router;

import static io.cairn.s3.router.Requests.assertS3Error;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.s3.S3Error;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reference's rules for general purpose bucket names, and its examples of valid and invalid names. */
class BucketNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"examplebucket", "asset-images-2020", "my-data-content", "examplebucket.com",
            "www.assetimages.com", "my.data.s3.bucket", "abc", "0ab", "1.2.3", "192.168.5.4.5",
            "xn-bucket", "sthree", "bucket-s3", "bucket--ol", "mrap.bucket",
            "a23456789012345678901234567890123456789012345678901234567890123"})
    void acceptsNewNames(String name) {
        assertThatCode(() -> BucketNames.validate(name)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ab", "a234567890123456789012345678901234567890123456789012345678901234",
            "doc_example_bucket", "DocExampleBucket", "doc-example-bucket-", "-bucket", ".bucket", "bucket.",
            "my..bucket", "my bucket", "bücket", "192.168.5.4", "10.0.0.1", "xn--bucket", "sthree-bucket",
            "sthree-configurator", "amzn-s3-demo-bucket", "bucket-s3alias", "bucket--ol-s3", "bucket.mrap",
            "bucket--usw2-az1--x-s3", "bucket--table-s3"})
    void refusesNewNamesBreakingARule(String name) {
        assertS3Error(() -> BucketNames.validate(name), S3Error.InvalidBucketName);
    }

    @ParameterizedTest
    @ValueSource(strings = {"my_bucket", "Legacy.Bucket", "ab-", "bucket-s3alias"})
    void existingNamesFollowTheLegacyRules(String name) {
        assertThatCode(() -> BucketNames.validateExisting(name)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ab", "a b", "a/b", "bücket", "a*b"})
    void noBucketEverHadTheseNames(String name) {
        assertS3Error(() -> BucketNames.validateExisting(name), S3Error.InvalidBucketName);
    }

    @Test
    void theMessageSaysWhichRuleIsBroken() {
        assertThatThrownBy(() -> BucketNames.validate("my..bucket")).hasMessageContaining("two adjacent periods");
        assertThatThrownBy(() -> BucketNames.validate("1.2.3.4")).hasMessageContaining("IP address");
        assertThatThrownBy(() -> BucketNames.validate("a--ol-s3")).hasMessageContaining("must not end with");
    }
}
