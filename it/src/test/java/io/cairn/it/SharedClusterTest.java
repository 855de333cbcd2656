package io.cairn.it;

import io.cairn.app.LocalCluster;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Base of test classes whose tests share one in-JVM cluster (tests that stop nodes start their own). */
abstract class SharedClusterTest {
    @TempDir
    static Path dir;
    static LocalCluster cluster;
    static Http http;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = TestClusters.start(dir);
        http = new Http(cluster.url());
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }
}
