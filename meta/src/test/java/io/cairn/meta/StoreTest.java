package io.cairn.meta;

import static io.cairn.meta.TestData.AT;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.core.ErrorCode;
import io.cairn.core.model.NodeRecord;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Base of tests that apply commands to a fresh database of an initialised cluster, one per test. */
abstract class StoreTest {
    @TempDir
    Path dir;
    MetaDatabase db;
    TestLog log;
    MetaReader reader;

    @BeforeEach
    void openStore() {
        db = MetaDatabase.open(dir);
        log = new TestLog(db);
        reader = db.reader();
        log.apply(new MetaCommand.InitCluster("c-1", AT)).orThrow(String.class);
        for (MetaCommand register : TestData.registerNodes()) {
            log.apply(register).orThrow(NodeRecord.class);
        }
    }

    /** Applies a command that must be refused with {@code code}, and checks that it changed nothing. */
    void rejected(MetaCommand command, ErrorCode code, String messagePart) {
        String before = StateDigest.of(db.store().live());
        assertThat(log.apply(command)).isInstanceOfSatisfying(ApplyResult.Rejected.class, r -> {
            assertThat(r.code()).isEqualTo(code);
            assertThat(r.message()).contains(messagePart);
        });
        assertThat(StateDigest.of(db.store().live())).isEqualTo(before);
    }

    @AfterEach
    void closeStore() {
        // Whatever a test did, the counters must match the records they count.
        assertThat(reader.stats()).isEqualTo(TestData.recomputeStats(db.store().live()));
        assertThat(TestData.storedUsage(db.store().live())).isEqualTo(TestData.recomputeUsage(db.store().live()));
        db.close();
    }
}
