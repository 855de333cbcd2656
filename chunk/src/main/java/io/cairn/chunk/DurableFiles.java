package io.cairn.chunk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.UUID;

/**
 * The steps that make a file or a directory entry survive a power loss. A rename or a new directory entry is only
 * durable once the directory holding it is fsynced; a file's bytes only once the file is. Stateless; thread-safe.
 */
public final class DurableFiles {
    /** Windows cannot open a directory as a channel; its file systems journal metadata, so the step is skipped there. */
    private static final boolean DIRECTORY_SYNC_SUPPORTED =
            !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private DurableFiles() {
    }

    /** Flushes a directory's entries (creations, renames, deletions in it) to the disk. */
    public static void fsyncDirectory(Path dir) throws IOException {
        if (!DIRECTORY_SYNC_SUPPORTED) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /**
     * Creates {@code dir} if it does not exist and makes its entry durable by fsyncing the parent. Safe to race with
     * another creator of the same directory. Returns whether this call created it. The parent must exist.
     */
    public static boolean createDirectory(Path dir) throws IOException {
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
            return false;
        }
        fsyncDirectory(dir.toAbsolutePath().getParent());
        return true;
    }

    /** Writes all of {@code buffer} to {@code channel}: one channel write may write less than asked. */
    static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /**
     * Replaces {@code target} with {@code content} so that after a crash the file holds either the old or the new
     * content, never a mix or nothing: write a temporary sibling, fsync it, rename it over the target, fsync the
     * directory. Concurrent writers of the same target must be serialised by the caller (the last rename wins).
     */
    public static void writeAtomically(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = dir.resolve(target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writeFully(channel, ByteBuffer.wrap(content));
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
            fsyncDirectory(dir);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }
}
