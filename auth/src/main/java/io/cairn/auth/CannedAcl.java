package io.cairn.auth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.core.Json;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * S3's canned ACLs (the {@code x-amz-acl} header), and what each grants beyond the owner as a bucket policy the
 * engine evaluates with the bucket's own (see {@link PolicyEngine#decide(AccessRequest, List, List)}). The owner and
 * root always have full control; callers decide that, so the policies are owner-agnostic. Following AWS's mapping of
 * ACL permissions to actions: READ on a bucket is {@code s3:ListBucket}, {@code s3:ListBucketVersions} and
 * {@code s3:ListBucketMultipartUploads}; WRITE on a bucket is {@code s3:PutObject} and {@code s3:DeleteObject} on its
 * objects; READ on an object is {@code s3:GetObject} and {@code s3:GetObjectVersion}. "Everyone" includes anonymous
 * requests; "authenticated" is any user with credentials.
 */
public enum CannedAcl {
    /** Only the owner. */
    PRIVATE("private"),
    /** Everyone may read (list a bucket, get an object). */
    PUBLIC_READ("public-read"),
    /** Everyone may read, and write into a bucket (on an object it is public-read: WRITE means nothing there). */
    PUBLIC_READ_WRITE("public-read-write"),
    /** Every authenticated user may read. */
    AUTHENTICATED_READ("authenticated-read"),
    /** An object's grant to the bucket owner; Cairn's owner has full control anyway, so nothing beyond it. */
    BUCKET_OWNER_READ("bucket-owner-read"),
    /** As {@link #BUCKET_OWNER_READ}. */
    BUCKET_OWNER_FULL_CONTROL("bucket-owner-full-control"),
    /** A grant to S3's log delivery group, which Cairn does not have: nothing beyond the owner. */
    LOG_DELIVERY_WRITE("log-delivery-write"),
    /** A grant to EC2, which Cairn does not have: nothing beyond the owner. */
    AWS_EXEC_READ("aws-exec-read");

    private static final String S3_ARN = "arn:aws:s3:::";
    private static final List<String> BUCKET_READ = List.of(S3Actions.LIST_BUCKET, S3Actions.LIST_BUCKET_VERSIONS,
            S3Actions.LIST_BUCKET_MULTIPART_UPLOADS);
    private static final List<String> BUCKET_WRITE = List.of(S3Actions.PUT_OBJECT, S3Actions.DELETE_OBJECT);
    private static final List<String> OBJECT_READ = List.of(S3Actions.GET_OBJECT, S3Actions.GET_OBJECT_VERSION);

    private final String wireName;

    CannedAcl(String wireName) {
        this.wireName = wireName;
    }

    /** The header value, e.g. {@code public-read}. */
    public String wireName() {
        return wireName;
    }

    /**
     * The canned ACL of an {@code x-amz-acl} value, matched case-sensitively as S3 does.
     *
     * @throws PolicyException naming the value and the accepted ones
     */
    public static CannedAcl parse(String value) {
        return Arrays.stream(values()).filter(acl -> acl.wireName.equals(value)).findFirst()
                .orElseThrow(() -> new PolicyException("unknown canned ACL '" + value + "'; x-amz-acl must be one of "
                        + Arrays.stream(values()).map(CannedAcl::wireName).collect(Collectors.joining(", "))));
    }

    /**
     * What this ACL grants beyond the owner, on a bucket ({@code key} null) or on one object, as a bucket policy of
     * {@code bucket}; empty if it grants nothing beyond the owner.
     */
    public Optional<Policy> asPolicy(String bucket, String key) {
        String resource = S3_ARN + bucket;
        ArrayNode statements = Json.MAPPER.createArrayNode();
        boolean everyone = this == PUBLIC_READ || this == PUBLIC_READ_WRITE;
        if (everyone || this == AUTHENTICATED_READ) {
            String target = key == null ? resource : resource + "/" + literal(key);
            statements.add(allow(key == null ? BUCKET_READ : OBJECT_READ, target, !everyone));
        }
        if (this == PUBLIC_READ_WRITE && key == null) {
            statements.add(allow(BUCKET_WRITE, resource + "/*", false));
        }
        if (statements.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode document = Json.MAPPER.createObjectNode().put("Version", "2012-10-17");
        document.set("Statement", statements);
        return Optional.of(Policy.parseBucketPolicy(new String(Json.toBytes(document), StandardCharsets.UTF_8),
                bucket));
    }

    private static ObjectNode allow(List<String> actions, String resource, boolean authenticatedOnly) {
        ObjectNode statement = Json.MAPPER.createObjectNode().put("Effect", "Allow");
        statement.putObject("Principal").putArray("AWS").add("*");
        ArrayNode names = statement.putArray("Action");
        actions.forEach(names::add);
        statement.put("Resource", resource);
        if (authenticatedOnly) {
            // aws:username is set from the principal and only for authenticated requests (AccessRequest).
            statement.putObject("Condition").putObject("Null").put(AccessRequest.USERNAME, "false");
        }
        return statement;
    }

    /** A key as policy text matching only itself: its wildcard and variable characters escaped. */
    private static String literal(String key) {
        StringBuilder text = new StringBuilder(key.length());
        for (char c : key.toCharArray()) {
            switch (c) {
                case '*', '?', '$' -> text.append("${").append(c).append('}');
                default -> text.append(c);
            }
        }
        return text.toString();
    }
}
