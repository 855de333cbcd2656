package io.cairn.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.ErrorCode;
import io.cairn.core.model.ObjectVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same commands, applied to fresh stores by different paths, give the same results and the same bytes. */
class DeterminismTest {
    private static final int COMMANDS = 1_500;

    @Test
    void sameCommandsSameResultsSameStore(@TempDir Path viaLog, @TempDir Path direct, @TempDir Path viaEntries) {
        List<MetaCommand> commands = new CommandGenerator(20261122L).next(COMMANDS);

        // As the Raft state machine feeds them: encoded, at consecutive positions in term 1.
        List<ApplyResult> logResults;
        String logDigest;
        long[] requestRecords = {0};
        try (MetaDatabase db = MetaDatabase.open(viaLog)) {
            logResults = new TestLog(db, 1).apply(commands);
            logDigest = TestData.digest(db.store().live());
            assertThat(db.reader().stats()).isEqualTo(TestData.recomputeStats(db.store().live()));
            byte[] requests = Keys.kind(Keys.REQUEST);
            db.store().live().scan(requests, Keys.prefixEnd(requests), (k, v) -> {
                requestRecords[0]++;
                return true;
            });
        }

        // Straight into the state machine, never encoded, at the same positions.
        List<ApplyResult> directResults = new ArrayList<>();
        String directDigest;
        try (RocksMetaStore store = RocksMetaStore.open(direct)) {
            MetaStateMachine machine = new MetaStateMachine(store);
            long index = 0;
            for (MetaCommand command : commands) {
                directResults.add(machine.apply(1, ++index, command));
            }
            directDigest = TestData.digest(store.live());
        }

        // Encoded, at other positions and terms (Raft uses some indexes itself): only the applied position differs.
        List<ApplyResult> entryResults = new ArrayList<>();
        String entryDigest;
        try (MetaDatabase db = MetaDatabase.open(viaEntries)) {
            long index = 10;
            for (MetaCommand command : commands) {
                index += 1 + index % 3;
                entryResults.add(db.apply(1 + index / 500, index, CommandCodec.encode(command)).getFirst());
            }
            entryDigest = db.digest();
            assertThat(db.applied()).isEqualTo(new AppliedIndex(1 + index / 500, index));
        }

        assertThat(directResults).isEqualTo(logResults);
        assertThat(directDigest).isEqualTo(logDigest);
        assertThat(entryResults).isEqualTo(logResults);
        assertThat(entryDigest).isEqualTo(logDigest.substring(0, logDigest.indexOf(' ')));
        // The generator must exercise both outcomes, or this proves little.
        assertThat(logResults).filteredOn(r -> r instanceof ApplyResult.Ok).hasSizeGreaterThan(COMMANDS / 3);
        assertThat(logResults).filteredOn(r -> r instanceof ApplyResult.Rejected).hasSizeGreaterThan(COMMANDS / 10)
                .map(r -> ((ApplyResult.Rejected) r).code()).contains(ErrorCode.NOT_FOUND, ErrorCode.ALREADY_EXISTS,
                        ErrorCode.CONFLICT, ErrorCode.UNAVAILABLE, ErrorCode.INVALID_ARGUMENT);
        // ...and users, keys and policies, down to a policy whose deletion was refused while a user had it.
        assertThat(IntStream.range(0, COMMANDS).filter(i -> commands.get(i) instanceof MetaCommand.DeletePolicy
                && logResults.get(i) instanceof ApplyResult.Rejected r && r.code() == ErrorCode.CONFLICT)).isNotEmpty();
        // ...and retries that were answered with the version the first attempt created.
        assertThat(retriesAnsweredByTheFirstVersion(commands, logResults)).isGreaterThan(10);
        // ...and pauses after which request records were pruned.
        long remembered = IntStream.range(0, COMMANDS)
                .filter(i -> logResults.get(i) instanceof ApplyResult.Ok
                        && commands.get(i) instanceof MetaCommand.CommitVersion c && c.requestId() != null)
                .mapToObj(i -> ((MetaCommand.CommitVersion) commands.get(i)).requestId()).distinct().count();
        assertThat(requestRecords[0]).isPositive().isLessThan(remembered / 2);
    }

    @Test
    void theStateMachineRefusesToGoBackwards(@TempDir Path dir) {
        try (RocksMetaStore store = RocksMetaStore.open(dir)) {
            MetaStateMachine machine = new MetaStateMachine(store);
            machine.apply(2, 5, new MetaCommand.CreateBucket("abc", 1, null)); // indexes may skip (Raft uses some itself)
            assertThat(machine.applied()).isEqualTo(new AppliedIndex(2, 5));
            assertThatThrownBy(() -> machine.apply(2, 5, new MetaCommand.CreateBucket("abd", 1, null)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> machine.apply(1, 6, new MetaCommand.CreateBucket("abd", 1, null)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(new MetaStateMachine(store).applied()).isEqualTo(new AppliedIndex(2, 5));
        }
    }

    /** Commits with a request id seen before whose result is the very version an earlier one returned. */
    private static long retriesAnsweredByTheFirstVersion(List<MetaCommand> commands, List<ApplyResult> results) {
        List<String> seen = new ArrayList<>();
        List<ObjectVersion> created = new ArrayList<>();
        long answered = 0;
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i) instanceof MetaCommand.CommitVersion c && c.requestId() != null
                    && results.get(i) instanceof ApplyResult.Ok(ObjectVersion version)) {
                if (seen.contains(c.requestId()) && created.contains(version)) {
                    answered++;
                }
                seen.add(c.requestId());
                created.add(version);
            }
        }
        return answered;
    }
}
