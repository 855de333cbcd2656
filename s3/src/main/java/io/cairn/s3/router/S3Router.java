package io.cairn.s3.router;

import io.cairn.s3.S3Error;
import io.cairn.s3.S3Exception;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Turns every S3 request into a {@link ParsedRequest} before any handler runs, after Garage's router: the bucket and
 * the key from the Host and the path, the operation from the method, the subresource and the parameters, each checked
 * as S3 checks it. Whatever it cannot place it refuses with an {@link S3Exception}, never a guess.
 *
 * <p>A Host equal to a base domain, an IP address or any other host means path-style ({@code /bucket/key});
 * {@code <bucket>.<base domain>} means virtual-host style ({@code /key}). The key is all the path after the bucket's
 * "/", kept as it is: {@code /bucket//a} has the key "/a", {@code /bucket/} is the bucket itself.
 */
public final class S3Router {
    private static final int MAX_KEY_BYTES = 1024;

    private final List<String> baseDomains;

    /** @param baseDomains the domains served, such as "s3.localhost"; when one ends another, the longest wins */
    public S3Router(List<String> baseDomains) {
        this.baseDomains = baseDomains.stream()
                .map(domain -> domain.toLowerCase(Locale.ROOT).replaceFirst("^\\.", ""))
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    /** @throws S3Exception when the request names no operation S3 has, or breaks its rules for names and numbers */
    public ParsedRequest parse(S3HttpRequest request) {
        String path = request.path();
        if (!path.startsWith("/")) {
            throw new S3Exception(S3Error.InvalidRequest, "The path must start with '/'");
        }
        String bucket = bucketOfHost(request.host());
        String key;
        if (bucket != null) {
            key = path.substring(1);
        } else if (path.equals("/")) {
            key = "";
        } else {
            int slash = path.indexOf('/', 1);
            bucket = slash < 0 ? path.substring(1) : path.substring(1, slash);
            key = slash < 0 ? "" : path.substring(slash + 1);
        }
        if (key.isEmpty()) {
            key = null;
        } else if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new S3Exception(S3Error.KeyTooLongError,
                    "Your key is too long: at most " + MAX_KEY_BYTES + " bytes of UTF-8");
        }

        Query query = Query.of(request.query());
        String method = request.method();
        S3Operation op = method.equals("OPTIONS") ? new S3Operation.Options()
                : bucket == null ? Operations.onService(method, query)
                : key == null ? Operations.onBucket(method, query)
                : Operations.onObject(method, query, request.headers());
        if (op instanceof S3Operation.CreateBucket) {
            BucketNames.validate(bucket);
        } else if (bucket != null) {
            BucketNames.validateExisting(bucket);
        }
        return new ParsedRequest(bucket, key, op);
    }

    /** The bucket a virtual-host-style Host names, or null for path-style. */
    public String bucketOfHost(String host) {
        if (host == null) {
            return null;
        }
        String name = stripPort(host).toLowerCase(Locale.ROOT);
        for (String domain : baseDomains) {
            if (name.equals(domain)) {
                return null;
            }
            if (name.length() > domain.length() + 1 && name.endsWith(domain)
                    && name.charAt(name.length() - domain.length() - 1) == '.') {
                return name.substring(0, name.length() - domain.length() - 1);
            }
        }
        return null;
    }

    private static String stripPort(String host) {
        int end = host.startsWith("[") ? host.indexOf(']') + 1 : host.indexOf(':');
        return end <= 0 ? host : host.substring(0, end);
    }
}
