package io.cairn.http;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.io.Content;

/**
 * Streams the {@code file} part of a multipart/form-data body without buffering it: Jetty's push parser is fed from
 * the request only when the reader wants more bytes. Small form fields are collected on the way. When the file part
 * ends, the rest of the body is parsed before end-of-stream is reported, so fields after the file and a second file
 * are seen before the caller commits anything. Not thread-safe: one reader. Serves the REST API's {@code POST /upload}
 * and S3's POST Object (a browser form).
 */
public final class MultipartFileStream extends InputStream {
    public static final String FILE_FIELD = "file";
    private static final int MAX_FIELD_BYTES = 64 * 1024;
    /** All fields together: without it 64 parts of 64 KiB each would be 4 MiB of strings per request. */
    private static final int MAX_FIELDS_BYTES = 256 * 1024;
    private static final int READ_SIZE = 64 * 1024;
    /**
     * The most one form's parsing holds, reserved with its upload's buffers: the read buffer, the file bytes of one
     * read waiting to be taken, a field being collected (its growing array and one copy), every field as a string
     * (two bytes a character at worst), and the part headers Jetty's parser keeps (8 KiB a part by default).
     */
    public static final long MEMORY = READ_SIZE + READ_SIZE + 2L * MAX_FIELD_BYTES + MAX_FIELD_BYTES
            + 2L * MAX_FIELDS_BYTES + 2L * 8 * 1024;

    private final InputStream raw;
    private final MultiPart.Parser parser;
    private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
    private final Map<String, String> fields = new HashMap<>();
    private Map<String, String> fieldsBeforeFile = Map.of();
    private final byte[] readBuffer = new byte[READ_SIZE];
    private String fileName;
    private String fileContentType;
    private boolean inFile;
    private boolean fileSeen;
    private boolean fileDone;
    private boolean complete;
    private RuntimeException failure;
    private long fieldBytes;

    /** @throws CairnException BAD_REQUEST when the content type is not a multipart one with a boundary */
    public MultipartFileStream(InputStream raw, String contentType) {
        this.raw = raw;
        String boundary = boundary(contentType);
        if (boundary == null || boundary.isEmpty()) {
            throw CairnException.badRequest("the body must be multipart/form-data, with a boundary in its Content-Type");
        }
        this.parser = new MultiPart.Parser(boundary, new Listener());
        parser.setMaxParts(64);
    }

    private static String boundary(String contentType) {
        try {
            return contentType == null ? null : MultiPart.extractBoundary(contentType);
        } catch (IllegalArgumentException e) {
            // Jetty's tokenizer refuses what is not RFC 9110 (an unterminated quote): so do we, as the client's error.
            return null;
        }
    }

    /** Parses up to the start of the file part's content; fails if the body has no file part. */
    public MultipartFileStream begin() throws IOException {
        while (!fileSeen && !complete) {
            feed();
        }
        if (!fileSeen) {
            throw CairnException.badRequest("the multipart body has no '" + FILE_FIELD + "' part");
        }
        return this;
    }

    /** The file part's {@code filename}, null if it has none. */
    public String fileName() {
        return fileName;
    }

    /** The file part's own Content-Type, null if it has none. */
    public String fileContentType() {
        return fileContentType;
    }

    /** Form fields seen so far (all of them once the stream has reported its end). */
    public Map<String, String> fields() {
        return fields;
    }

    /**
     * The form fields that came before the file part. Not {@link #fields()} after {@link #begin()}: one read of the
     * body can hold the whole form, fields after the file included.
     */
    public Map<String, String> fieldsBeforeFile() {
        return fieldsBeforeFile;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (pending.isEmpty()) {
            if (fileDone) {
                while (!complete) {
                    feed();
                }
                return -1;
            }
            feed();
        }
        ByteBuffer head = pending.peekFirst();
        int n = Math.min(len, head.remaining());
        head.get(b, off, n);
        if (!head.hasRemaining()) {
            pending.removeFirst();
        }
        return n;
    }

    private void feed() throws IOException {
        if (complete) {
            throw CairnException.badRequest("the multipart body ended before the file part did");
        }
        int n = raw.read(readBuffer);
        if (n < 0) {
            parser.parse(Content.Chunk.EOF);
            if (!complete) {
                throw CairnException.badRequest("the multipart body is truncated (no closing boundary)");
            }
        } else {
            parser.parse(Content.Chunk.from(ByteBuffer.wrap(readBuffer, 0, n), false));
        }
        if (failure != null) {
            throw failure;
        }
    }

    private final class Listener extends MultiPart.AbstractPartsListener {
        private final ByteArrayOutputStream field = new ByteArrayOutputStream();
        private String partContentType;

        @Override
        public void onPartHeader(String name, String value) {
            super.onPartHeader(name, value);
            if ("content-type".equals(name.toLowerCase(Locale.ROOT))) {
                partContentType = value;
            }
        }

        @Override
        public void onPartHeaders() {
            if (FILE_FIELD.equals(getName())) {
                if (fileSeen) {
                    fail(CairnException.badRequest("send one '" + FILE_FIELD + "' part per upload"));
                    return;
                }
                fileSeen = true;
                fieldsBeforeFile = Map.copyOf(fields);
                // Jetty's parser decodes part headers as UTF-8 and puts U+FFFD where the bytes are not: refused, as
                // the same bytes in a PUT path are, rather than stored under a name the client never sent.
                if (getFileName() != null && getFileName().indexOf('\uFFFD') >= 0) {
                    fail(new CairnException(ErrorCode.INVALID_NAME, "the file name of the '" + FILE_FIELD
                            + "' part is not valid UTF-8"));
                    return;
                }
                inFile = true;
                fileName = getFileName();
                fileContentType = partContentType;
            }
        }

        @Override
        public void onPartContent(Content.Chunk chunk) {
            ByteBuffer data = chunk.getByteBuffer();
            if (inFile) {
                if (data.hasRemaining()) {
                    ByteBuffer copy = ByteBuffer.allocate(data.remaining());
                    copy.put(data).flip();
                    pending.addLast(copy);
                }
            } else if (field.size() + data.remaining() > MAX_FIELD_BYTES) {
                fail(CairnException.badRequest("form field '" + getName() + "' is larger than 64 KiB"));
            } else if (fieldBytes + data.remaining() > MAX_FIELDS_BYTES) {
                fail(CairnException.badRequest("the form's fields together are larger than 256 KiB"));
            } else {
                fieldBytes += data.remaining();
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                field.writeBytes(bytes);
            }
        }

        @Override
        public void onPart(String name, String fileName, HttpFields headers) {
            if (inFile) {
                inFile = false;
                fileDone = true;
            } else if (name != null) {
                fields.put(name, field.toString(StandardCharsets.UTF_8));
            }
            field.reset();
            partContentType = null;
        }

        @Override
        public void onComplete() {
            complete = true;
        }

        @Override
        public void onFailure(Throwable cause) {
            fail(new CairnException(ErrorCode.BAD_REQUEST, "malformed multipart body: " + cause.getMessage()));
        }

        private void fail(RuntimeException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }
}
