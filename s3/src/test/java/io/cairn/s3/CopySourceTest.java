package io.cairn.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CopySourceTest {
    @Test
    void readsBucketKeyAndVersionWithOrWithoutALeadingSlash() {
        assertThat(CopySource.parse("/photos/2026/a%20b%2Bc.jpg")).isEqualTo(new CopySource("photos", "2026/a b+c.jpg",
                null));
        assertThat(CopySource.parse("photos/k?versionId=42")).isEqualTo(new CopySource("photos", "k", "42"));
        assertThat(CopySource.parse("photos/k?versionId=null")).isEqualTo(new CopySource("photos", "k", "null"));
    }

    @Test
    void refusesWhatNamesNoObject() {
        for (String bad : new String[] {"", "photos", "photos/", "/k", "photos/k?versionId=", "photos/%zz"}) {
            assertThatThrownBy(() -> CopySource.parse(bad)).as(bad).isInstanceOfSatisfying(S3Exception.class,
                    e -> assertThat(e.error()).isEqualTo(S3Error.InvalidArgument));
        }
    }
}
