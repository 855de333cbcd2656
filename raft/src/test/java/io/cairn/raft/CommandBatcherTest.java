package io.cairn.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.meta.ApplyResult;
import io.cairn.meta.MetaCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class CommandBatcherTest {

    private static MetaCommand bucket(int i) {
        return new MetaCommand.CreateBucket("bucket-" + i, 1, null);
    }

    @Test
    void commandsWaitingWhileABatchIsInFlightGoOutTogetherInOrder() throws Exception {
        List<List<MetaCommand>> sent = new CopyOnWriteArrayList<>();
        CompletableFuture<List<ApplyResult>> first = new CompletableFuture<>();
        try (CommandBatcher batcher = new CommandBatcher(commands -> {
            sent.add(commands);
            List<ApplyResult> results = commands.stream()
                    .map(c -> (ApplyResult) new ApplyResult.Ok(((MetaCommand.CreateBucket) c).name())).toList();
            return sent.size() == 1 ? first.thenApply(ignored -> results) : CompletableFuture.completedFuture(results);
        })) {
            CompletableFuture<ApplyResult> alone = batcher.submit(bucket(0));
            while (sent.isEmpty()) {
                Thread.sleep(1);
            }
            List<CompletableFuture<ApplyResult>> waiting = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                waiting.add(batcher.submit(bucket(i)));
            }
            first.complete(null);
            assertThat(alone.get().orThrow(String.class)).isEqualTo("bucket-0");
            for (int i = 1; i <= 10; i++) {
                assertThat(waiting.get(i - 1).get().orThrow(String.class)).isEqualTo("bucket-" + i);
            }
            assertThat(sent).hasSize(2);
            assertThat(sent.get(1)).hasSize(10);
        }
    }

    @Test
    void aFailedBatchFailsEachOfItsCommandsAndLaterOnesStillGo() throws Exception {
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        try (CommandBatcher batcher = new CommandBatcher(commands -> {
            sizes.add(commands.size());
            return sizes.size() == 1
                    ? CompletableFuture.failedFuture(new CairnException(io.cairn.core.ErrorCode.UNAVAILABLE, "no leader"))
                    : CompletableFuture.completedFuture(commands.stream()
                            .map(c -> (ApplyResult) new ApplyResult.Ok("ok")).toList());
        })) {
            CompletableFuture<ApplyResult> failed = batcher.submit(bucket(0));
            assertThatThrownBy(failed::get).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(CairnException.class);
            assertThat(batcher.submit(bucket(1)).get()).isEqualTo(new ApplyResult.Ok("ok"));
        }
    }

    @Test
    void aSubmitAfterCloseFails() {
        CommandBatcher batcher = new CommandBatcher(commands -> new CompletableFuture<>());
        batcher.close();
        assertThatThrownBy(() -> batcher.submit(bucket(0)).get()).hasCauseInstanceOf(CairnException.class);
    }
}
