package io.cairn.s3.router;

import io.cairn.s3.S3Error;
import io.cairn.s3.S3Exception;
import java.util.List;
import java.util.regex.Pattern;

/**
 * S3's bucket naming rules. New buckets get today's rules for general purpose buckets, which keep every name usable
 * as a DNS label in virtual-host-style addressing; requests to existing buckets only get the legacy rules, so a name
 * is refused there only when no S3 bucket could ever have had it (the handler answers NoSuchBucket otherwise).
 */
public final class BucketNames {
    private static final Pattern NEW_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+");
    // Reserved for S3's own names: access point and Multi-Region Access Point aliases, directory and table buckets,
    // IDNs, the documentation's examples.
    private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
    private static final List<String> RESERVED_SUFFIXES =
            List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");
    private static final Pattern LEGACY_NAME = Pattern.compile("[A-Za-z0-9._-]{3,255}");

    private BucketNames() {
    }

    /** Checks the name of a bucket to create; throws InvalidBucketName saying which rule it breaks. */
    public static void validate(String name) {
        String broken = !NEW_NAME.matcher(name).matches()
                ? "must be 3 to 63 lowercase letters, digits, '.' or '-', beginning and ending with a letter or digit"
                : name.contains("..") ? "must not contain two adjacent periods"
                : IP_ADDRESS.matcher(name).matches() ? "must not be formatted as an IP address"
                : RESERVED_PREFIXES.stream().anyMatch(name::startsWith) ? "must not start with " + RESERVED_PREFIXES
                : RESERVED_SUFFIXES.stream().anyMatch(name::endsWith) ? "must not end with " + RESERVED_SUFFIXES
                : null;
        if (broken != null) {
            throw invalid(name, broken);
        }
    }

    /** Checks the name of a bucket a request addresses. */
    static void validateExisting(String name) {
        if (!LEGACY_NAME.matcher(name).matches()) {
            throw invalid(name, "must be 3 to 255 letters, digits, '.', '_' or '-'");
        }
    }

    private static S3Exception invalid(String name, String broken) {
        return new S3Exception(S3Error.InvalidBucketName,
                "The specified bucket is not valid: '" + name + "' " + broken);
    }
}
