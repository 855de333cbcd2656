package io.cairn.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.s3.S3Client;

/** Base of test classes whose tests share one in-JVM cluster and one S3 client of the root user (path-style). */
abstract class SharedS3Test extends SharedClusterTest {
    static S3Client s3;

    @BeforeAll
    static void startS3Client() {
        s3 = S3Clients.sync(cluster.s3Url(), true, true);
    }

    @AfterAll
    static void closeS3Client() {
        s3.close();
    }
}
