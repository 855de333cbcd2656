package io.cairn.s3.router;

import static io.cairn.s3.router.Requests.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.s3.S3Error;
import io.cairn.s3.router.S3HttpRequest.Param;
import org.junit.jupiter.api.Test;

class S3HttpRequestTest {
    private static S3HttpRequest raw(String rawPath, String rawQuery) {
        return S3HttpRequest.fromRaw("GET", "localhost", rawPath, rawQuery, name -> null);
    }

    @Test
    void thePathIsDecodedAsAPathAndTheQueryAsAForm() {
        S3HttpRequest request = raw("/b/a+b%20c%2Bd%2F%C3%A9", "prefix=a+b%20c%2Bd&uploads&x=1=2");
        assertThat(request.path()).isEqualTo("/b/a+b c+d/é");
        assertThat(request.query()).containsExactly(
                new Param("prefix", "a b c+d"), new Param("uploads", ""), new Param("x", "1=2"));
    }

    @Test
    void parametersKeepTheirOrderAndRepeats() {
        assertThat(raw("/", "b=2&a=1&b=3").query())
                .containsExactly(new Param("b", "2"), new Param("a", "1"), new Param("b", "3"));
        assertThat(raw("/", null).query()).isEmpty();
        assertThat(raw("/", "").query()).isEmpty();
    }

    @Test
    void headersAreLookedUpThroughTheServer() {
        S3HttpRequest request = S3HttpRequest.fromRaw("PUT", null, "/b/k", null,
                name -> name.equalsIgnoreCase("x-amz-copy-source") ? "/src/k" : null);
        assertThat(request.header("X-Amz-Copy-Source")).isEqualTo("/src/k");
        assertThat(request.header("Range")).isNull();
    }

    @Test
    void brokenEscapesAreRefused() {
        assertS3Error(() -> raw("/b/a%2", null), S3Error.InvalidArgument);
        assertS3Error(() -> raw("/b/a%zz", null), S3Error.InvalidArgument);
        assertS3Error(() -> raw("/b/a%C3", null), S3Error.InvalidArgument);
        assertS3Error(() -> raw("/b", "prefix=%zz"), S3Error.InvalidArgument);
        assertS3Error(() -> raw("/b", "prefix=%C3"), S3Error.InvalidArgument);
        assertS3Error(() -> raw("/b", "prefix=%"), S3Error.InvalidArgument);
        assertS3Error(() -> raw("/b", "prefix%=1"), S3Error.InvalidArgument);
    }
}
