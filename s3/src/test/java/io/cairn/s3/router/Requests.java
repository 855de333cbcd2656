package io.cairn.s3.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.s3.S3Error;
import io.cairn.s3.S3Exception;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Builds requests the way the server will, from the request line's raw target. */
final class Requests {
    private Requests() {
    }

    /** @param target the raw path and query, as in "GET /photos/a%20b.jpg?versionId=x HTTP/1.1" */
    static S3HttpRequest request(String method, String host, String target, Map<String, String> headers) {
        int question = target.indexOf('?');
        String rawPath = question < 0 ? target : target.substring(0, question);
        String rawQuery = question < 0 ? null : target.substring(question + 1);
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        return S3HttpRequest.fromRaw(method, host, rawPath, rawQuery, byName::get);
    }

    static S3HttpRequest request(String method, String host, String target) {
        return request(method, host, target, Map.of());
    }

    static void assertS3Error(ThrowingCallable call, S3Error error) {
        assertThatThrownBy(call).isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.error()).isEqualTo(error));
    }
}
