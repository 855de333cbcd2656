package io.cairn.meta;

import static io.cairn.meta.TestData.AT;
import static io.cairn.meta.TestData.written;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.core.ErrorCode;
import io.cairn.core.model.ObjectVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several commands in one log entry: applied in order, each seeing the ones before, written at once. */
class BatchTest {
    @TempDir
    Path dir;

    @Test
    void aBatchRoundTripsThroughTheCodecAndASingleCommandIsABatchOfOne() {
        List<MetaCommand> commands = List.of(new MetaCommand.CreateBucket("photos", AT, null),
                TestData.commit("photos", "a.jpg", written("x", 10, "n1", "n2")));
        assertThat(CommandCodec.decodeEntry(CommandCodec.encodeBatch(commands))).isEqualTo(commands);
        assertThat(CommandCodec.decodeEntry(CommandCodec.encode(commands.getFirst())))
                .containsExactly(commands.getFirst());
    }

    @Test
    void laterCommandsSeeEarlierOnesAndARejectedOneChangesNothing() {
        try (MetaDatabase db = MetaDatabase.open(dir.resolve("db"))) {
            List<MetaCommand> batch = new java.util.ArrayList<>(TestData.registerNodes());
            batch.addAll(List.of(
                    new MetaCommand.CreateBucket("photos", AT, null),
                    TestData.commit("photos", "a.jpg", written("x", 10, "n1", "n2")),
                    new MetaCommand.CreateBucket("photos", AT, null),
                    TestData.commit("photos", "a.jpg", written("y", 20, "n1", "n2"))));
            List<ApplyResult> all = db.apply(1, 1, CommandCodec.encodeBatch(batch));
            List<ApplyResult> results = all.subList(TestData.NODES.size(), all.size());
            assertThat(results).hasSize(4);
            assertThat(results.get(1).orThrow(ObjectVersion.class).version()).isEqualTo(1);
            assertThat(results.get(2)).isInstanceOfSatisfying(ApplyResult.Rejected.class,
                    r -> assertThat(r.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
            assertThat(results.get(3).orThrow(ObjectVersion.class).version()).isEqualTo(2);
            assertThat(db.applied()).isEqualTo(new AppliedIndex(1, 1));
            assertThat(db.reader().versions("photos", "a.jpg")).hasSize(2);
            assertThat(db.reader().stats().versions()).isEqualTo(2);
        }
    }

    @Test
    void aBatchLeavesTheSameStateAsItsCommandsOneEntryEach() {
        List<MetaCommand> commands = new CommandGenerator(42).next(400);
        try (MetaDatabase one = MetaDatabase.open(dir.resolve("one"));
             MetaDatabase batched = MetaDatabase.open(dir.resolve("batched"))) {
            List<ApplyResult> single = new TestLog(one).apply(commands);
            List<ApplyResult> inBatches = new ArrayList<>();
            for (int from = 0, index = 1; from < commands.size(); from += 37, index++) {
                List<MetaCommand> slice = commands.subList(from, Math.min(commands.size(), from + 37));
                inBatches.addAll(batched.apply(1, index, CommandCodec.encodeBatch(slice)));
            }
            assertThat(inBatches).isEqualTo(single);
            assertThat(batched.digest()).isEqualTo(one.digest());
        }
    }
}
