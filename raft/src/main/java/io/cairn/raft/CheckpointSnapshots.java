package io.cairn.raft;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.SnapshotRetentionPolicy;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.impl.FileListSnapshotInfo;
import org.apache.ratis.util.FileUtils;

/**
 * Raft snapshots as RocksDB checkpoints: each snapshot is a directory {@code snapshot.<term>_<index>} in Ratis's
 * state-machine directory, holding a checkpoint (hard links to the immutable SST files, so taking one costs
 * milliseconds, not a copy of the metadata). Ratis sends the files of the latest one to a follower that is too far
 * behind for the log, and replaces the follower's state-machine directory with them; the state machine then loads it.
 *
 * <p>A checkpoint is written under a {@code .tmp} name and renamed when complete, so a crash leaves either no snapshot
 * or a whole one; leftovers are deleted at start.
 */
final class CheckpointSnapshots implements StateMachineStorage {
    private static final Pattern NAME = Pattern.compile("snapshot\\.(\\d+)_(\\d+)");
    private static final String TMP = ".tmp";

    private final AtomicReference<FileListSnapshotInfo> latest = new AtomicReference<>();
    private volatile Path dir;

    @Override
    public void init(RaftStorage storage) throws IOException {
        dir = storage.getStorageDir().getStateMachineDir().toPath();
        Files.createDirectories(dir);
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path leftover : entries.filter(p -> p.getFileName().toString().endsWith(TMP)).toList()) {
                FileUtils.deleteFully(leftover);
            }
        }
        refresh();
    }

    /** Re-reads the directory, e.g. after Ratis installed a snapshot received from the leader into it. */
    void refresh() throws IOException {
        latest.set(scan().stream().max(Comparator.comparingLong(Snapshot::index)).map(Snapshot::info).orElse(null));
    }

    @Override
    public SnapshotInfo getLatestSnapshot() {
        return latest.get();
    }

    /** The directory of the latest snapshot, if there is one. */
    Optional<Path> latestDir() {
        FileListSnapshotInfo info = latest.get();
        return info == null ? Optional.empty() : Optional.of(dir.resolve(name(info.getTermIndex())));
    }

    /**
     * Makes a snapshot at {@code at}: {@code writer} fills a fresh directory (which must not exist yet) with the
     * state at exactly that position, then it is published atomically.
     */
    void take(TermIndex at, Consumer<Path> writer) throws IOException {
        Path target = dir.resolve(name(at));
        if (Files.exists(target)) {
            return; // nothing applied since the last snapshot
        }
        Path tmp = dir.resolve(name(at) + TMP);
        if (Files.exists(tmp)) {
            FileUtils.deleteFully(tmp);
        }
        writer.accept(tmp);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        fsyncDirectory(dir);
        refresh();
    }

    @Override
    public void cleanupOldSnapshots(SnapshotRetentionPolicy policy) throws IOException {
        int keep = Math.max(1, policy == null ? 2 : policy.getNumSnapshotsRetained());
        List<Snapshot> all = new ArrayList<>(scan());
        all.sort(Comparator.comparingLong(Snapshot::index).reversed());
        for (Snapshot old : all.subList(Math.min(keep, all.size()), all.size())) {
            FileUtils.deleteFully(old.dir());
        }
    }

    @Override
    public void format() {
        // A new storage directory holds no snapshots; nothing to prepare.
    }

    @Override
    public File getSnapshotDir() {
        return dir == null ? null : dir.toFile();
    }

    private List<Snapshot> scan() throws IOException {
        List<Snapshot> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path path : entries.filter(Files::isDirectory).toList()) {
                Matcher m = NAME.matcher(path.getFileName().toString());
                if (m.matches()) {
                    found.add(new Snapshot(path, Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
                }
            }
        }
        return found;
    }

    private static String name(TermIndex at) {
        return "snapshot." + at.getTerm() + "_" + at.getIndex();
    }

    private static void fsyncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private record Snapshot(Path dir, long term, long index) {
        FileListSnapshotInfo info() {
            try (Stream<Path> files = Files.walk(dir)) {
                // Ratis writes an .md5 file beside each file it receives; those are its business, not the checkpoint's.
                List<FileInfo> infos = files.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().endsWith(".md5"))
                        .sorted()
                        .map(p -> new FileInfo(p, null))
                        .toList();
                return new FileListSnapshotInfo(infos, term, index);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list snapshot " + dir, e);
            }
        }
    }
}
