package io.cairn.gateway;

import io.cairn.api.FileInfo;
import io.cairn.api.FileList;
import io.cairn.api.Manifest;
import io.cairn.api.MetadataService;
import io.cairn.auth.S3Actions;
import io.cairn.client.ObjectReader;
import io.cairn.client.TransferMemory;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.Names;
import io.cairn.core.model.ObjectVersion;
import io.cairn.http.Exchange;
import io.cairn.http.Permissions;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * {@code GET /archive?key=K&key=…&prefix=P&…[&base=FOLDER/]}: several files, and every file under some folders, in one
 * zip streamed as it is read, one file at a time with one file's read memory. Every file is named and its permission
 * checked before the first byte, so a refusal is a plain error; a failure after that can only cut the connection.
 * The entries are not compressed (deflate at level 0): the gateway's cores hash every byte read already, and most large
 * files (media, archives) do not shrink.
 */
final class ArchiveHandler {
    static final int MAX_FILES = 10_000;
    private static final int PAGE = 1000;

    private final MetadataService meta;
    private final ObjectReader reader;
    private final TransferMemory memory;
    private final Permissions permissions;

    ArchiveHandler(MetadataService meta, ObjectReader reader, TransferMemory memory, Permissions permissions) {
        this.meta = meta;
        this.reader = reader;
        this.memory = memory;
        this.permissions = permissions;
    }

    /** The keys the request names, its folders' files included; each one's read checked. */
    List<String> select(Exchange ex, String bucket) {
        List<String> keys = ex.queryAll("key");
        List<String> prefixes = ex.queryAll("prefix");
        if (keys.isEmpty() && prefixes.isEmpty()) {
            throw CairnException.invalidArgument("name what to put in the zip: ?key=NAME (repeated) and/or "
                    + "?prefix=FOLDER/ (every file under it)");
        }
        Set<String> all = new LinkedHashSet<>();
        for (String key : keys) {
            all.add(Names.storedKey(key));
        }
        for (String prefix : prefixes) {
            ex.target(bucket, null);
            permissions.require(ex, S3Actions.LIST_BUCKET, bucket, null, Map.of("s3:prefix", List.of(prefix)));
            String after = null;
            do {
                FileList page = meta.list(bucket, prefix, after, PAGE);
                page.files().stream().map(FileInfo::filename).forEach(all::add);
                after = page.next();
                if (all.size() > MAX_FILES) {
                    throw CairnException.invalidArgument("a zip holds at most " + MAX_FILES + " files: choose "
                            + "smaller folders");
                }
            } while (after != null);
        }
        for (String key : all) {
            permissions.require(ex, S3Actions.GET_OBJECT, bucket, key, Map.of());
        }
        return new ArrayList<>(all);
    }

    void archive(Exchange ex, String bucket, List<String> keys) throws IOException {
        String base = Objects.requireNonNullElse(ex.query("base"), "");
        String name = Objects.requireNonNullElse(ex.query("name"), "");
        name = name.isBlank() ? "cairn.zip" : name.endsWith(".zip") ? name : name + ".zip";
        ex.status(200);
        ex.setHeader("Content-Type", "application/zip");
        ex.setHeader("Content-Disposition", DownloadHandler.attachment(name));
        Set<String> names = new LinkedHashSet<>();
        try (ZipOutputStream zip = new ZipOutputStream(new KeepOpen(ex.output()))) {
            zip.setLevel(Deflater.NO_COMPRESSION);
            for (String key : keys) {
                Manifest manifest;
                try {
                    manifest = DownloadHandler.live(meta.manifest(bucket, key, null));
                } catch (CairnException e) {
                    if (e.code() == ErrorCode.NOT_FOUND) {
                        continue; // deleted since it was listed: not in the zip, as if listed a moment later
                    }
                    throw e;
                }
                ObjectVersion v = manifest.version();
                ZipEntry entry = new ZipEntry(unique(names, entryName(key, base)));
                entry.setLastModifiedTime(FileTime.fromMillis(v.createdAt()));
                zip.putNextEntry(entry);
                if (v.size() > 0) {
                    reader.requireLive(manifest, 0, v.size());
                    try (TransferMemory.Reservation held = memory.reserve(reader.memory(manifest, 0, v.size(),
                            memory.capacity()), false, "download")) {
                        reader.copy(manifest, 0, v.size(), zip, held.bytes());
                    }
                }
                zip.closeEntry();
            }
        }
    }

    /**
     * A key as a path in the zip: below {@code base} when under it, and never one an unzip would write outside its
     * folder ("..", ".", empty segments and a leading "/" become "_"), as S3 keys may hold such segments.
     */
    static String entryName(String key, String base) {
        String relative = !base.isEmpty() && key.startsWith(base) && key.length() > base.length()
                ? key.substring(base.length()) : key;
        List<String> segments = new ArrayList<>();
        for (String segment : relative.split("/", -1)) {
            segments.add(segment.isEmpty() || segment.equals(".") || segment.equals("..") ? "_" : segment);
        }
        return String.join("/", segments);
    }

    /** Names are unique in a zip: a second "a" (a key "a" and a key "a/" made "_") becomes "a (2)". */
    private static String unique(Set<String> names, String name) {
        String candidate = name;
        for (int i = 2; !names.add(candidate); i++) {
            candidate = name + " (" + i + ")";
        }
        return candidate;
    }

    /** The response's stream outlives the zip: closing the zip finishes it, the exchange completes the response. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
