package io.cairn.controller;

import java.nio.file.Path;
import java.time.Duration;

/**
 * @param metadataDir       where the RocksDB metadata lives (seed's METADATA_PATH)
 * @param replicationFactor replicas per chunk when an upload does not ask for a number
 * @param nodeTimeout       a node silent this long is unhealthy
 */
public record ControllerSettings(Path metadataDir, int replicationFactor, Duration nodeTimeout) {
}
