package io.cairn.app.config;

import java.util.List;

/**
 * The S3 endpoint of a gateway.
 *
 * @param port        0 for an ephemeral port (tests)
 * @param domains     base host names for virtual-host-style addressing ({@code bucket.domain})
 */
public record S3Config(int port, String region, List<String> domains) {
    public static final int DEFAULT_PORT = 9000;
    public static final String DEFAULT_REGION = "us-east-1";

    public S3Config {
        domains = List.copyOf(domains);
    }
}
