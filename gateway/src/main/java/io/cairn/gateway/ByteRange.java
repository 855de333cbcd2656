package io.cairn.gateway;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A satisfiable single byte range {@code [start, end]} (inclusive, RFC 9110 §14.1.2). Multiple ranges are not
 * supported; such a header is ignored and the whole content is sent, which RFC 9110 allows.
 */
public record ByteRange(long start, long end) {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    public long length() {
        return end - start + 1;
    }

    /**
     * @return empty when there is no usable Range header (serve everything)
     * @throws CairnException RANGE_NOT_SATISFIABLE when the range lies outside the content
     */
    public static Optional<ByteRange> parse(String header, long size) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = SINGLE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return Optional.empty();
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0 || size == 0) {
                    throw unsatisfiable(size);
                }
                return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
            }
            long start = Long.parseLong(m.group(1));
            long end = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            if (start >= size) {
                throw unsatisfiable(size);
            }
            if (end < start) {
                return Optional.empty();
            }
            return Optional.of(new ByteRange(start, end));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static CairnException unsatisfiable(long size) {
        return new CairnException(ErrorCode.RANGE_NOT_SATISFIABLE, "range not satisfiable; the file has " + size
                + " bytes");
    }
}
