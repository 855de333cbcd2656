package io.cairn.controller;

import io.cairn.api.CopyDeletion;
import io.cairn.api.NodeAddress;
import io.cairn.controller.chunks.NodeChunks;
import io.cairn.core.CairnException;
import io.cairn.core.ChunkId;
import io.cairn.core.ErrorCode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Storage nodes in memory, reached by URL, with the chunk API's semantics the keeper relies on: generations that grow
 * with every write, deletes by generation, verified copies between nodes, paged inventories with ages by the (test's)
 * clock. A node can be made unreachable, and a file corrupt. Thread-safe.
 */
final class FakeNodes implements NodeChunks {
    record File(long size, long generation, long writtenAt, boolean corrupt) {
    }

    private final Clock clock;
    private final AtomicLong generations = new AtomicLong(100);
    private final Map<String, TreeMap<ChunkId, File>> disks = new ConcurrentHashMap<>();
    final Set<String> unreachable = ConcurrentHashMap.newKeySet();
    final AtomicLong deletes = new AtomicLong();

    FakeNodes(Clock clock) {
        this.clock = clock;
    }

    private TreeMap<ChunkId, File> disk(String url) {
        if (unreachable.contains(url)) {
            throw new CairnException(ErrorCode.UNAVAILABLE, url + " is unreachable");
        }
        return disks.computeIfAbsent(url, u -> new TreeMap<>());
    }

    /** A write of the chunk to the node, as an upload makes it; returns its generation. */
    synchronized long write(String url, ChunkId chunk, long size) {
        long generation = generations.incrementAndGet();
        disk(url).put(chunk, new File(size, generation, clock.millis(), false));
        return generation;
    }

    synchronized void corrupt(String url, ChunkId chunk) {
        File file = disk(url).get(chunk);
        disk(url).put(chunk, new File(file.size(), file.generation(), file.writtenAt(), true));
    }

    synchronized void lose(String url, ChunkId chunk) {
        disk(url).remove(chunk);
    }

    /** The node's disk is replaced by an empty one. */
    synchronized void wipe(String url) {
        disks.remove(url);
    }

    synchronized boolean has(String url, ChunkId chunk) {
        return disks.getOrDefault(url, new TreeMap<>()).containsKey(chunk);
    }

    synchronized long files(String url) {
        return disks.getOrDefault(url, new TreeMap<>()).size();
    }

    @Override
    public synchronized List<MadeCopy> replicate(String sourceUrl, ChunkId chunk, int size, List<NodeAddress> targets) {
        File source = disk(sourceUrl).get(chunk);
        if (source == null) {
            throw new CairnException(ErrorCode.NOT_FOUND, "no copy on " + sourceUrl);
        }
        if (source.corrupt()) {
            disk(sourceUrl).remove(chunk); // quarantined
            throw new CairnException(ErrorCode.CHECKSUM_MISMATCH, "the copy on " + sourceUrl + " is corrupt");
        }
        List<MadeCopy> made = new ArrayList<>();
        for (NodeAddress target : targets) {
            if (!unreachable.contains(target.url())) {
                made.add(new MadeCopy(target.id(), write(target.url(), chunk, source.size())));
            }
        }
        return made;
    }

    @Override
    public synchronized CopyDeletion delete(String url, ChunkId chunk, long generation) {
        File file = disk(url).get(chunk);
        if (file == null) {
            return CopyDeletion.ABSENT;
        }
        if (file.generation() != generation) {
            return CopyDeletion.CHANGED;
        }
        disk(url).remove(chunk);
        deletes.incrementAndGet();
        return CopyDeletion.DELETED;
    }

    @Override
    public synchronized Inventory inventory(String url, ChunkId after, int limit) {
        TreeMap<ChunkId, File> disk = disk(url);
        var tail = after == null ? disk : disk.tailMap(after, false);
        List<StoredFile> files = new ArrayList<>();
        for (var entry : tail.entrySet()) {
            if (files.size() == limit) {
                return new Inventory(files, files.getLast().chunk());
            }
            File f = entry.getValue();
            files.add(new StoredFile(entry.getKey(), f.size(), f.generation(), clock.millis() - f.writtenAt()));
        }
        return new Inventory(files, null);
    }

    @Override
    public synchronized OptionalLong generation(String url, ChunkId chunk) {
        File file = disk(url).get(chunk);
        return file == null ? OptionalLong.empty() : OptionalLong.of(file.generation());
    }

    @Override
    public synchronized boolean intact(String url, ChunkId chunk) {
        File file = disk(url).get(chunk);
        if (file != null && file.corrupt()) {
            disk(url).remove(chunk);
        }
        return file != null && !file.corrupt();
    }
}
