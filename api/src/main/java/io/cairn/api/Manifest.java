package io.cairn.api;

import io.cairn.core.model.ObjectVersion;
import java.util.List;

/** Everything a reader needs to stream one version: the version record and where each chunk lives. */
public record Manifest(ObjectVersion version, List<ChunkLocation> chunks) {
    public Manifest {
        chunks = List.copyOf(chunks);
    }
}
