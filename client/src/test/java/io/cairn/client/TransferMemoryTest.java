package io.cairn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class TransferMemoryTest {
    private static final Duration PATIENT = Duration.ofSeconds(10);
    // Each waiter on a thread of its own: the common pool may have a single one on a small machine.
    private static final Executor THREADS = Executors.newVirtualThreadPerTaskExecutor();

    @Test
    void aReservationHoldsItsBytesUntilClosedOnceEvenWhenItsTransferThrows() {
        TransferMemory memory = new TransferMemory(100, 10, PATIENT);
        TransferMemory.Reservation held = memory.reserve(60, false, "download");
        assertThat(memory.reserved()).isEqualTo(60);
        assertThatThrownBy(() -> {
            try (TransferMemory.Reservation inner = memory.reserve(40, true, "upload")) {
                assertThat(memory.reserved()).isEqualTo(100);
                throw new IllegalStateException("the client went away");
            }
        }).isInstanceOf(IllegalStateException.class);
        assertThat(memory.reserved()).isEqualTo(60);
        held.close();
        held.close();
        assertThat(memory.reserved()).isZero();
        assertThat(memory.admitted()).isEqualTo(2);
    }

    @Test
    void aTransferThatWaitsPastTheQueueTimeoutIsRefusedAsUnavailableWithARetryAfter() {
        TransferMemory memory = new TransferMemory(100, 10, Duration.ofMillis(200));
        try (TransferMemory.Reservation held = memory.reserve(80, true, "upload")) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> memory.reserve(30, true, "upload"))
                    .isInstanceOfSatisfying(CairnException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                        assertThat(e.retryAfter()).contains(TransferMemory.RETRY_AFTER);
                        assertThat(e.getMessage()).contains("MAX_BUFFER_MEMORY").contains("retry later");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            assertThat(memory.refusals()).isEqualTo(1);
            assertThat(memory.waiting()).isZero();
            assertThat(memory.reserved()).isEqualTo(80);
        }
        assertThat(memory.reserved()).isZero();
    }

    @Test
    void transfersAreAdmittedInTheOrderTheyAskedAndASmallOneDoesNotOvertakeALargeOne() throws Exception {
        TransferMemory memory = new TransferMemory(100, 10, PATIENT);
        List<String> order = new CopyOnWriteArrayList<>();
        TransferMemory.Reservation first = memory.reserve(80, false, "download");
        CompletableFuture<TransferMemory.Reservation> large = CompletableFuture.supplyAsync(() -> {
            TransferMemory.Reservation r = memory.reserve(100, true, "upload");
            order.add("large");
            return r;
        }, THREADS);
        await(() -> memory.waiting() == 1);
        CompletableFuture<TransferMemory.Reservation> small = CompletableFuture.supplyAsync(() -> {
            TransferMemory.Reservation r = memory.reserve(10, true, "upload");
            order.add("small");
            return r;
        }, THREADS);
        await(() -> memory.waiting() == 2);
        // 80 + 10 would fit, but the small one asked after the large one that does not fit yet.
        Thread.sleep(200);
        assertThat(order).isEmpty();
        first.close();
        TransferMemory.Reservation largeHeld = large.get(5, TimeUnit.SECONDS);
        // The large one holds everything now: the small one still waits, and goes in once the large one is done.
        assertThat(order).containsExactly("large");
        assertThat(memory.waiting()).isEqualTo(1);
        largeHeld.close();
        TransferMemory.Reservation smallHeld = small.get(5, TimeUnit.SECONDS);
        assertThat(order).containsExactly("large", "small");
        assertThat(memory.reserved()).isEqualTo(10);
        smallHeld.close();
        assertThat(memory.reserved()).isZero();
    }

    @Test
    void whenTheFirstInLineGivesUpTheNextOneThatFitsGoesIn() throws Exception {
        TransferMemory memory = new TransferMemory(100, 10, Duration.ofSeconds(2));
        try (TransferMemory.Reservation held = memory.reserve(80, false, "download")) {
            CompletableFuture<Void> large = CompletableFuture.runAsync(() -> memory.reserve(50, true, "upload"),
                    THREADS);
            await(() -> memory.waiting() == 1);
            // Its own deadline must come clearly after the large one's (a second, more than a busy machine's delay in
            // waking a thread): with both at once, either may wake first.
            Thread.sleep(1000);
            long start = System.nanoTime();
            // Waits behind the large one, which times out; then it fits (80 + 10) at once.
            try (TransferMemory.Reservation small = memory.reserve(10, false, "download")) {
                assertThat(small.bytes()).isEqualTo(10);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThatThrownBy(large::join).hasCauseInstanceOf(CairnException.class);
        }
    }

    @Test
    void uploadsAlsoTakeASlotButDownloadsDoNot() throws Exception {
        TransferMemory memory = new TransferMemory(100, 1, Duration.ofMillis(200));
        try (TransferMemory.Reservation upload = memory.reserve(10, true, "upload")) {
            assertThatThrownBy(() -> memory.reserve(10, true, "upload")).isInstanceOfSatisfying(CairnException.class,
                    e -> assertThat(e.getMessage()).contains("MAX_CONCURRENT_UPLOADS"));
            try (TransferMemory.Reservation download = memory.reserve(10, false, "download")) {
                assertThat(memory.reserved()).isEqualTo(20);
            }
        }
        memory.reserve(10, true, "upload").close();
    }

    @Test
    void aDownloadPassesUploadsThatWaitForASlotAloneButNeverTakesTheirMemory() throws Exception {
        TransferMemory memory = new TransferMemory(100, 1, PATIENT);
        TransferMemory.Reservation upload = memory.reserve(10, true, "upload");
        CompletableFuture<TransferMemory.Reservation> queued = CompletableFuture.supplyAsync(
                () -> memory.reserve(50, true, "upload"), THREADS);
        await(() -> memory.waiting() == 1);
        // The queued upload waits for the slot, not for memory: a download that leaves it its 50 goes in at once.
        long start = System.nanoTime();
        try (TransferMemory.Reservation download = memory.reserve(40, false, "download")) {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(memory.reserved()).isEqualTo(50);
        }
        // One that would take the queued upload's memory (10 + 50 + 50 > 100) waits its turn behind it.
        CompletableFuture<TransferMemory.Reservation> large = CompletableFuture.supplyAsync(
                () -> memory.reserve(50, false, "download"), THREADS);
        await(() -> memory.waiting() == 2);
        Thread.sleep(200);
        assertThat(large).isNotDone();
        upload.close();
        TransferMemory.Reservation queuedHeld = queued.get(5, TimeUnit.SECONDS);
        TransferMemory.Reservation largeHeld = large.get(5, TimeUnit.SECONDS);
        assertThat(memory.reserved()).isEqualTo(100);
        queuedHeld.close();
        largeHeld.close();
        assertThat(memory.reserved()).isZero();
        assertThat(memory.waiting()).isZero();
    }

    @Test
    void moreThanTheWholeBudgetIsRefusedAtOnceWithoutARetryAfter() {
        TransferMemory memory = new TransferMemory(100, 10, PATIENT);
        long start = System.nanoTime();
        assertThatThrownBy(() -> memory.reserve(101, true, "upload")).isInstanceOfSatisfying(CairnException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                    assertThat(e.retryAfter()).isEmpty();
                    assertThat(e.getMessage()).contains("more than this gateway's whole transfer memory");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void bytesHandedToWorkThatOutlivesTheRequestStayReservedUntilItEnds() {
        TransferMemory memory = new TransferMemory(100, 10, PATIENT);
        CompletableFuture<Void> lateCopies = new CompletableFuture<>();
        TransferMemory.Reservation held = memory.reserve(40, true, "upload");
        held.holdUntil(lateCopies);
        held.close();
        assertThat(memory.reserved()).isEqualTo(40);
        lateCopies.completeExceptionally(new IllegalStateException("a node failed"));
        assertThat(memory.reserved()).isZero();
        // And work that ends before the request does not release what the request still holds.
        TransferMemory.Reservation again = memory.reserve(40, true, "upload");
        again.holdUntil(CompletableFuture.completedFuture(null));
        assertThat(memory.reserved()).isEqualTo(40);
        again.close();
        assertThat(memory.reserved()).isZero();
    }

    @Test
    void growingOnlyTakesWhatIsFreeNowAndNeverPassesAWaiter() throws Exception {
        TransferMemory memory = new TransferMemory(100, 10, PATIENT);
        TransferMemory.Reservation held = memory.reserve(50, true, "upload");
        assertThat(held.tryGrow(30)).isTrue();
        assertThat(held.bytes()).isEqualTo(80);
        assertThat(held.tryGrow(30)).isFalse();
        CompletableFuture<TransferMemory.Reservation> waiter = CompletableFuture.supplyAsync(
                () -> memory.reserve(15, false, "download"), THREADS);
        // The waiter fits (80 + 15), so it gets in; then one that does not fit waits, and growth may not pass it.
        waiter.get(5, TimeUnit.SECONDS).close();
        TransferMemory.Reservation other = memory.reserve(10, false, "download");
        CompletableFuture<TransferMemory.Reservation> blocked = CompletableFuture.supplyAsync(
                () -> memory.reserve(15, false, "download"), THREADS);
        await(() -> memory.waiting() == 1);
        assertThat(held.tryGrow(5)).isFalse();
        other.close();
        blocked.get(5, TimeUnit.SECONDS).close();
        held.close();
        assertThat(memory.reserved()).isZero();
        assertThat(TransferMemory.none().tryGrow(1)).isFalse();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(5);
        }
    }

    @Test
    void anArrayCostsItsLengthAndHeaderOrTheWholeRegionsOfAHumongousOne() {
        assertThat(TransferMemory.heapCost(1000)).isEqualTo(1016);
        long chunk = TransferMemory.heapCost(4 << 20);
        assertThat(chunk).isGreaterThan(4 << 20).isLessThanOrEqualTo(8L << 20);
        // Never less than the array, and never less for a longer one.
        for (long length = 1; length < 64L << 20; length = length * 3 + 1) {
            assertThat(TransferMemory.heapCost(length)).isGreaterThan(length)
                    .isLessThanOrEqualTo(TransferMemory.heapCost(length * 3 + 1));
        }
    }
}
