package io.cairn.auth;

import java.util.List;

/**
 * A parsed and validated IAM-style policy document (AWS and MinIO semantics): an identity policy, attached to users,
 * or a bucket policy, which names its principals and only its own bucket. A document is checked whole when parsed,
 * so one that would not mean what its author thinks (an unknown element, operator, action or resource form) is
 * refused with a message naming the statement and the problem, never half applied. The original text is kept
 * exactly as given, for GetBucketPolicy and for showing users what they stored. Immutable, so a parsed policy can be
 * cached and shared between threads.
 */
public final class Policy {
    /** The largest document accepted, in UTF-8 bytes (S3's limit for bucket policies). */
    public static final int MAX_BYTES = 20 * 1024;

    private final String json;
    private final boolean bucketPolicy;
    private final List<Statement> statements;

    Policy(String json, boolean bucketPolicy, List<Statement> statements) {
        this.json = json;
        this.bucketPolicy = bucketPolicy;
        this.statements = List.copyOf(statements);
    }

    /**
     * An identity policy: every statement needs a Resource or NotResource (unless it names only admin actions) and
     * none may name a Principal.
     *
     * @throws PolicyException naming what is wrong
     */
    public static Policy parse(String json) {
        return PolicyParser.parse(json, null);
    }

    /**
     * A bucket policy of {@code bucket}: every statement needs a Principal or NotPrincipal and a Resource or
     * NotResource within the bucket ({@code arn:aws:s3:::bucket} or {@code arn:aws:s3:::bucket/…}), and no statement
     * may name admin actions.
     *
     * @throws PolicyException naming what is wrong
     */
    public static Policy parseBucketPolicy(String json, String bucket) {
        return PolicyParser.parse(json, bucket);
    }

    /** The document exactly as it was given. */
    public String json() {
        return json;
    }

    public boolean isBucketPolicy() {
        return bucketPolicy;
    }

    /**
     * Whether an Allow statement covers anonymous callers (S3's PolicyStatus IsPublic), with AWS's meaning of
     * public: a statement limited by a condition to fixed sources (addresses, networks, accounts) is not public.
     */
    public boolean grantsEveryone() {
        return statements.stream().anyMatch(s -> s.allow() && s.principals() != null
                && s.principals().cover(Principal.anonymous())
                && s.conditions().stream().noneMatch(Condition::limitsToFixedSources));
    }

    /**
     * Whether a condition of this policy tests a key starting with {@code prefix}, in any case (such as
     * {@code s3:ExistingObjectTag/}): a caller can then skip reading what such keys hold when no policy asks.
     */
    public boolean testsConditionKeysStartingWith(String prefix) {
        return statements.stream().flatMap(s -> s.conditions().stream())
                .anyMatch(c -> c.key().regionMatches(true, 0, prefix, 0, prefix.length()));
    }

    List<Statement> statements() {
        return statements;
    }

    @Override
    public String toString() {
        return json;
    }
}
