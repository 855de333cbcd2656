package io.cairn.http;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One satisfiable byte range of a chunk or a file, from a {@code Range} header (RFC 9110 §14): {@code bytes=a-b},
 * {@code bytes=a-} or {@code bytes=-n}. A header this does not understand (another unit, several ranges, a
 * malformed one) is ignored and the whole content is sent, as the RFC allows.
 */
public record ByteRange(long start, long length) {
    private static final Pattern SINGLE = Pattern.compile("bytes\\s*=\\s*(\\d*)\\s*-\\s*(\\d*)");

    public long end() {
        return start + length - 1;
    }

    public String contentRange(long size) {
        return "bytes " + start + "-" + end() + "/" + size;
    }

    /**
     * @return empty to send everything
     * @throws CairnException RANGE_NOT_SATISFIABLE when the range lies wholly outside {@code size} bytes
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
                long start = Math.max(0, size - suffix);
                return Optional.of(new ByteRange(start, size - start));
            }
            long start = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(2));
            if (last < start) {
                return Optional.empty(); // invalid, not unsatisfiable: ignored
            }
            if (start >= size) {
                throw unsatisfiable(size);
            }
            return Optional.of(new ByteRange(start, Math.min(last, size - 1) - start + 1));
        } catch (NumberFormatException e) {
            return Optional.empty(); // more digits than a long holds
        }
    }

    private static CairnException unsatisfiable(long size) {
        return new CairnException(ErrorCode.RANGE_NOT_SATISFIABLE, "range not satisfiable; the content has " + size
                + " bytes");
    }
}
