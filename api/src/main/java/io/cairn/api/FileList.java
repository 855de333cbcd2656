package io.cairn.api;

import io.cairn.core.model.Listing;
import java.util.List;

/**
 * One page of a listing; {@code next} is the {@code after} value for the next page, absent on the last one. With a
 * delimiter, {@code folders} are the common prefixes (S3's), each ending in the delimiter; else empty.
 */
public record FileList(String bucket, List<FileInfo> files, List<String> folders, String next) {
    public FileList {
        files = List.copyOf(files);
        folders = folders == null ? List.of() : List.copyOf(folders);
    }

    public static FileList of(String bucket, Listing page) {
        return new FileList(bucket, page.objects().stream().map(FileInfo::of).toList(), page.prefixes(), page.next());
    }
}
