package io.cairn.api;

import java.util.List;

/** One page of a listing; {@code next} is the {@code after} value for the next page, absent on the last one. */
public record FileList(String bucket, List<FileInfo> files, String next) {
    public FileList {
        files = List.copyOf(files);
    }
}
