package io.cairn.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class GcPausesTest {
    private static final String EXPOSITION = """
            # HELP jvm_gc_pause_seconds Time spent in GC pause
            # TYPE jvm_gc_pause_seconds summary
            jvm_gc_pause_seconds_count{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"} 12
            jvm_gc_pause_seconds_sum{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"} 0.25
            jvm_gc_pause_seconds_count{action="end of major GC",cause="System.gc()",gc="G1 Old Generation"} 1
            jvm_gc_pause_seconds_sum{action="end of major GC",cause="System.gc()",gc="G1 Old Generation"} 0.08
            # TYPE jvm_gc_pause_seconds_max gauge
            jvm_gc_pause_seconds_max{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"} 0.031
            jvm_gc_pause_seconds_max{action="end of major GC",cause="System.gc()",gc="G1 Old Generation"} 0.08
            jvm_gc_live_data_size_bytes 1.2E7
            """;

    @Test
    void sumsTheCollectorsAndTakesTheLongestPause() throws IOException {
        assertThat(GcPauses.parse(EXPOSITION)).isEqualTo(new GcPauses.Sample(13, 0.33, 0.08));
    }

    @Test
    void aPhaseIsTheDifferenceOfTwoSamples() {
        GcPauses.Delta delta = GcPauses.between(new GcPauses.Sample(13, 0.33, 0.08),
                new GcPauses.Sample(20, 0.43, 0.05));

        assertThat(delta.pauses()).isEqualTo(7);
        assertThat(delta.totalMs()).isCloseTo(100, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(delta.maxMs()).isEqualTo(50);
        assertThat(GcPauses.between(new GcPauses.Sample(13, 0.33, 0.08), new GcPauses.Sample(13, 0.33, 0.08)))
                .as("a maximum left from before a phase without pauses").isEqualTo(new GcPauses.Delta(0, 0, 0));
    }

    @Test
    void aJvmWithoutPausesYetHasNoneAndAServerWithoutGcMetricsIsSaidSo() throws IOException {
        assertThat(GcPauses.parse("jvm_gc_live_data_size_bytes 0.0\n")).isEqualTo(new GcPauses.Sample(0, 0, 0));
        assertThatThrownBy(() -> GcPauses.parse("http_requests_total 5\n")).isInstanceOf(IOException.class)
                .hasMessageContaining("jvm_gc_pause_seconds");
    }
}
