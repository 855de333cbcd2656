package io.cairn.http.audit;

import io.cairn.http.Caller;

/**
 * One line of the audit log, in the JSON API's field style. Carries who, from where, what on which bucket and key,
 * and how it ended; never a secret (the access key id names a key, its secret is not in any request field here).
 *
 * @param time        when the request arrived, ISO-8601 in UTC
 * @param principal   the user's name, {@code root}, {@code anonymous}, {@code cluster} (a process of the cluster) or
 *                    {@code metrics} (the metrics token)
 * @param access_key  the access key id the request was signed with; null for none or the legacy API key
 * @param operation   the route (REST), the operation (S3, e.g. {@code S3 PutObject}); null if no route matched
 * @param bucket      the bucket acted on, where the request names one
 * @param key         the object key acted on; for the admin API, the user, access key or policy
 */
public record AuditEvent(String time, String principal, String access_key, String client, String method,
                         String operation, String bucket, String key, int status, Outcome outcome, long bytes_in,
                         long bytes_out, long duration_ms) {

    static String principal(Caller caller) {
        return switch (caller) {
            case Caller.User user -> user.name();
            case Caller.Member member -> "cluster";
            case Caller.Monitor monitor -> "metrics";
            case Caller.Anonymous anonymous -> "anonymous";
        };
    }

    static String accessKey(Caller caller) {
        return caller instanceof Caller.User user ? user.accessKeyId() : null;
    }
}
