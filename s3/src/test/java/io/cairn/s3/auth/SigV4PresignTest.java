package io.cairn.s3.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.s3.S3Error;
import io.cairn.s3.S3Exception;
import io.cairn.s3.auth.SignedRequest.QueryParameter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** URLs {@link SigV4Signer#presignedQuery} makes (the console's share links) verify until they expire, and no longer. */
class SigV4PresignTest {
    private static final Instant NOW = SdkSigning.NOW;
    private final SigV4Verifier verifier = new SigV4Verifier(SdkSigning.SECRETS);
    private final SigV4Signer signer = new SigV4Signer(SdkSigning.ACCESS_KEY, SdkSigning.SECRET, "us-east-1");

    @Test
    void aPresignedUrlVerifiesForItsLifetimeThenExpires() {
        String query = signer.presignedQuery(request(List.of(new QueryParameter("key", "a b/ü+&.txt")), NOW), 600);
        assertThat(query).startsWith("key=a%20b%2F%C3%BC%2B%26.txt&X-Amz-Algorithm=AWS4-HMAC-SHA256&")
                .contains("&X-Amz-Expires=600&").contains("&X-Amz-Signature=");

        assertThat(verifier.verify(received(query, NOW.plusSeconds(599))).accessKeyId())
                .isEqualTo(SdkSigning.ACCESS_KEY);
        assertThatThrownBy(() -> verifier.verify(received(query, NOW.plusSeconds(601))))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.error()).isEqualTo(S3Error.AccessDenied));
        assertThatThrownBy(() -> verifier.verify(received(query.replace("a%20b", "a%20c"), NOW)))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.error()).isEqualTo(S3Error.SignatureDoesNotMatch));
    }

    private static SignedRequest request(List<QueryParameter> query, Instant now) {
        return new SignedRequest("GET", "/files", query, Map.of("host", List.of("cairn.example:8000")), now);
    }

    /** The request a server reads from the URL: the query decoded, the host as sent, at {@code now}. */
    private static SignedRequest received(String query, Instant now) {
        List<QueryParameter> parameters = new ArrayList<>();
        for (String pair : query.split("&")) {
            String[] nameValue = pair.split("=", 2);
            parameters.add(new QueryParameter(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(nameValue[1].replace("+", "%2B"), StandardCharsets.UTF_8)));
        }
        return request(parameters, now);
    }
}
