package io.cairn.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One request as policies see it: who, which action (e.g. {@code s3:GetObject}, {@code admin:ListUsers}), on which
 * resource, and the condition context. The resource is an S3 ARN ({@code arn:aws:s3:::bucket},
 * {@code arn:aws:s3:::bucket/key}, or {@code arn:aws:s3:::} for account-wide operations such as ListAllMyBuckets),
 * or empty for the cluster-wide admin actions; {@link #s3} and {@link #admin} build them.
 *
 * <p>The context holds the AWS condition keys the caller knows, each with its values: {@code aws:SourceIp},
 * {@code aws:SecureTransport} ("true"/"false"), {@code aws:CurrentTime} (ISO-8601), {@code aws:EpochTime},
 * {@code s3:prefix}, {@code s3:delimiter}, {@code s3:max-keys}, {@code s3:x-amz-acl}, … Keys are case-insensitive
 * (they are kept in lower case). {@code aws:username} and {@code aws:userid} always come from the principal (both are
 * the user's name, absent for anonymous requests): whatever the caller gave for them is replaced, so a policy
 * variable such as {@code ${aws:username}} can only ever name the authenticated user.
 */
public record AccessRequest(Principal principal, String action, String resource, Map<String, List<String>> context) {
    static final String USERNAME = "aws:username";
    static final String USERID = "aws:userid";
    private static final String S3_ARN = "arn:aws:s3:::";

    public AccessRequest {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(context, "context");
        Map<String, List<String>> normalized = new LinkedHashMap<>();
        context.forEach((key, values) -> normalized.computeIfAbsent(key.toLowerCase(Locale.ROOT),
                k -> new ArrayList<>()).addAll(values));
        normalized.remove(USERNAME);
        normalized.remove(USERID);
        if (!principal.isAnonymous()) {
            normalized.put(USERNAME, List.of(principal.user()));
            normalized.put(USERID, List.of(principal.user()));
        }
        normalized.replaceAll((key, values) -> List.copyOf(values));
        context = Map.copyOf(normalized);
    }

    /** A request on a bucket ({@code key} null), an object, or the account ({@code bucket} and {@code key} null). */
    public static AccessRequest s3(Principal principal, String action, String bucket, String key,
                                   Map<String, List<String>> context) {
        if (bucket == null && key != null) {
            throw new IllegalArgumentException("an object key needs a bucket");
        }
        String resource = S3_ARN + (bucket == null ? "" : bucket) + (key == null ? "" : "/" + key);
        return new AccessRequest(principal, action, resource, context);
    }

    /** A request for a cluster-wide admin action, which has no resource. */
    public static AccessRequest admin(Principal principal, AdminAction action, Map<String, List<String>> context) {
        return new AccessRequest(principal, action.wireName(), "", context);
    }

    /** The values of a condition key, empty if the request has none; the key in any case. */
    List<String> values(String key) {
        return context.getOrDefault(key.toLowerCase(Locale.ROOT), List.of());
    }
}
