package io.cairn.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.ErrorCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same commands, applied to fresh stores by different paths, give the same results and the same bytes. */
class DeterminismTest {
    private static final int COMMANDS = 1_500;

    @Test
    void sameCommandsSameResultsSameStore(@TempDir Path viaLog, @TempDir Path direct) {
        List<MetaCommand> commands = new CommandGenerator(20261122L).next(COMMANDS);

        List<ApplyResult> logResults;
        String logDigest;
        try (MetaDatabase db = MetaDatabase.open(viaLog)) {
            // Submitted without waiting, so they are applied in groups of whatever size the timing makes.
            List<CompletableFuture<ApplyResult>> futures = new ArrayList<>();
            commands.forEach(c -> futures.add(db.log().submit(c)));
            logResults = futures.stream().map(CompletableFuture::join).toList();
            logDigest = TestData.digest(db.store().live());
            assertThat(db.reader().stats()).isEqualTo(TestData.recomputeStats(db.store().live()));
        }

        List<ApplyResult> directResults = new ArrayList<>();
        String directDigest;
        try (RocksMetaStore store = RocksMetaStore.open(direct)) {
            MetaStateMachine machine = new MetaStateMachine(store);
            long index = 0;
            for (MetaCommand command : commands) {
                directResults.add(machine.apply(++index, command));
            }
            directDigest = TestData.digest(store.live());
        }

        assertThat(directResults).isEqualTo(logResults);
        assertThat(directDigest).isEqualTo(logDigest);
        // The generator must exercise both outcomes, or this proves little.
        assertThat(logResults).filteredOn(r -> r instanceof ApplyResult.Ok).hasSizeGreaterThan(COMMANDS / 3);
        assertThat(logResults).filteredOn(r -> r instanceof ApplyResult.Rejected).hasSizeGreaterThan(COMMANDS / 10)
                .map(r -> ((ApplyResult.Rejected) r).code()).contains(ErrorCode.NOT_FOUND, ErrorCode.ALREADY_EXISTS,
                        ErrorCode.CONFLICT, ErrorCode.UNAVAILABLE, ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void theStateMachineRefusesToGoBackwards(@TempDir Path dir) {
        try (RocksMetaStore store = RocksMetaStore.open(dir)) {
            MetaStateMachine machine = new MetaStateMachine(store);
            machine.apply(5, new MetaCommand.CreateBucket("abc", 1)); // indexes may skip (Raft uses some itself)
            assertThat(machine.appliedIndex()).isEqualTo(5);
            assertThatThrownBy(
                    () -> machine.apply(5, new MetaCommand.CreateBucket("abd", 1)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(new MetaStateMachine(store).appliedIndex()).isEqualTo(5);
        }
    }
}
