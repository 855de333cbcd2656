package io.cairn.app.cli;

import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A multipart/form-data body with one part "file" around streamed content, for {@code POST /upload}. Its length is
 * known whenever the content's is, so the request still carries a Content-Length. The key travels in the query
 * ({@code ?filename=}), which spares us quoting it in a header.
 */
record MultipartBody(String contentType, BodyPublisher publisher) {
    static MultipartBody of(BodyPublisher content, String partContentType) {
        byte[] random = new byte[16];
        ThreadLocalRandom.current().nextBytes(random);
        String boundary = "cairn-" + HexFormat.of().formatHex(random);
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"upload\"\r\n"
                + "Content-Type: " + partContentType + "\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        return new MultipartBody("multipart/form-data; boundary=" + boundary,
                BodyPublishers.concat(BodyPublishers.ofString(head), content, BodyPublishers.ofString(tail)));
    }
}
