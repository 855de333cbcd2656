package io.cairn.s3.auth;

import static io.cairn.s3.auth.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalRequestTest {

    @Test
    void pathSegmentsAreEncodedOnceAndSlashesKept() {
        SignedRequest request = request("GET", "/bucket/a b/ü+~$%2F//x=y").header("Host", "h").build();

        assertThat(CanonicalRequest.of(request, List.of("host"), "UNSIGNED-PAYLOAD")).isEqualTo("""
                GET
                /bucket/a%20b/%C3%BC%2B~%24%252F//x%3Dy

                host:h

                host
                UNSIGNED-PAYLOAD""");
    }

    @Test
    void queryIsEncodedWithSlashesAndSortedByNameThenValue() {
        SignedRequest request = request("GET", "").query("prefix", "a/b c").query("uploads", "")
                .query("b", "2").query("b", "1").query("X-Amz-Signature", "dropped").query("k=", "v&")
                .header("Host", "h").header("X-Amz-Meta-A", "  x   y  ").header("x-amz-meta-a", "z").build();

        assertThat(CanonicalRequest.of(request, List.of("host", "x-amz-meta-a"), "UNSIGNED-PAYLOAD"))
                .isEqualTo("""
                        GET
                        /
                        b=1&b=2&k%3D=v%26&prefix=a%2Fb%20c&uploads=
                        host:h
                        x-amz-meta-a:x y,z

                        host;x-amz-meta-a
                        UNSIGNED-PAYLOAD""");
    }
}
