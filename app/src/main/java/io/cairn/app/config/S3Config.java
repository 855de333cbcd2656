package io.cairn.app.config;

import java.util.List;

/**
 * The S3 endpoint of a gateway.
 *
 * @param port        0 for an ephemeral port (tests)
 * @param domains     base host names for virtual-host-style addressing ({@code bucket.domain})
 * @param accessKey   the root credentials every S3 request is signed with
 */
public record S3Config(int port, String region, List<String> domains, String accessKey, String secretKey) {
    public static final int DEFAULT_PORT = 9000;
    public static final String DEFAULT_REGION = "us-east-1";
    /** MinIO's habit: a development default that works out of the box and is logged as such when used. */
    public static final String DEFAULT_ACCESS_KEY = "cairnadmin";
    public static final String DEFAULT_SECRET_KEY = "cairnadmin";

    public S3Config {
        domains = List.copyOf(domains);
    }
}
