package io.cairn.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PhaseStatsTest {
    @Test
    void percentilesAreNearestRankOfTheSortedLatencies() {
        long[] latencies = LongStream.rangeClosed(1, 200).map(ms -> ms * 1_000_000).toArray();

        PhaseStats stats = PhaseStats.of("GET", 4096, latencies, 200 * 4096L, 0, null, 2_000_000_000L);

        assertThat(stats.p50Ms()).isEqualTo(100);
        assertThat(stats.p90Ms()).isEqualTo(180);
        assertThat(stats.p99Ms()).isEqualTo(198);
        assertThat(stats.maxMs()).isEqualTo(200);
        assertThat(stats.opsPerSecond()).isEqualTo(100);
        assertThat(stats.mbPerSecond()).isEqualTo(200 * 4096 / 1e6 / 2);
        assertThat(stats.mibPerSecond()).isEqualTo(200 * 4096 / 1048576.0 / 2);
    }

    @Test
    void aPhaseWithoutSuccessHasNoLatencies() {
        PhaseStats stats = PhaseStats.of("PUT", 4096, new long[0], 0, 3, "HTTP 500", 1_000_000L);

        assertThat(stats.ops()).isZero();
        assertThat(stats.p99Ms()).isZero();
        assertThat(stats.toJson()).containsEntry("errors", 3L).containsEntry("first_error", "HTTP 500");
    }

    @Test
    void anOperationStartedInTheWindowIsFinishedAndCounted() {
        PhaseStats stats = PhaseRunner.run("PUT", 1, 2, java.time.Duration.ofMillis(50), Integer.MAX_VALUE, i -> {
            Thread.sleep(200);
            return 1;
        });

        assertThat(stats.ops()).isEqualTo(2);
        assertThat(stats.nanos()).isGreaterThanOrEqualTo(200_000_000L);
        assertThat(stats.errors()).isZero();
    }

    @Test
    void aCountedPhaseRunsEachOperationOnceAndCountsFailures() {
        java.util.Set<Integer> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        PhaseStats stats = PhaseRunner.run("DELETE", 10, 4, null, 100, i -> {
            if (!seen.add(i) || i % 10 == 0) {
                throw new IllegalStateException("failed " + i);
            }
            return 0;
        });

        assertThat(seen).hasSize(100);
        assertThat(stats.ops()).isEqualTo(90);
        assertThat(stats.errors()).isEqualTo(10);
        assertThat(stats.firstError()).startsWith("failed ");
    }
}
