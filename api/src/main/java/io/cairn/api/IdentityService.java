package io.cairn.api;

import java.util.List;
import java.util.Optional;

/**
 * Users, their access keys and policies, buckets' policies and CORS configurations, and join tokens: kept by the
 * controllers in the replicated metadata, changed through the admin API (a bucket's documents through S3), read by
 * gateways to check credentials and permissions and to answer browsers. Implemented
 * in-process by the controller and over HTTP by {@code io.cairn.client.HttpIdentityClient}; both throw the same
 * {@link io.cairn.core.CairnException} codes. Whether the caller may do this is the gateway's question, not this one's.
 */
public interface IdentityService {
    /** @param policies canned or stored policy names, attached from the start */
    UserInfo createUser(String name, List<String> policies);

    UserInfo setUserEnabled(String name, boolean enabled);

    UserInfo setUserPolicies(String name, List<String> policies);

    /** Attaches one policy to the user or detaches it, against the user's list as it is when the change applies. */
    UserInfo changeUserPolicy(String name, String policy, boolean attach);

    /** Deletes the user and every access key of theirs. */
    void deleteUser(String name);

    List<UserInfo> users();

    /**
     * A new access key of {@code user}; its secret is in the answer and never again (it is stored sealed).
     *
     * @param accessKey null to generate one
     * @param secretKey null to generate one
     */
    NewAccessKey createAccessKey(String user, String label, String accessKey, String secretKey);

    /** @param user null for every user's */
    List<AccessKeyInfo> accessKeys(String user);

    AccessKeyInfo setAccessKeyEnabled(String accessKey, boolean enabled);

    void deleteAccessKey(String accessKey);

    /** Creates or replaces a named policy; the document is checked before it is stored. */
    PolicyInfo putPolicy(String name, String document);

    /** A canned or stored policy; NOT_FOUND if neither. */
    PolicyInfo policy(String name);

    /** The canned policies, then the stored ones. */
    List<PolicyInfo> policies();

    void deletePolicy(String name);

    /** What a gateway needs to check a request signed with this key; empty for an unknown key. */
    Optional<KeyIdentity> identity(String accessKey);

    Optional<String> bucketPolicy(String bucket);

    /** The document is checked (it must name this bucket only) before it is stored. */
    void setBucketPolicy(String bucket, String document);

    void deleteBucketPolicy(String bucket);

    /** The bucket's CORS configuration (S3's XML, as the gateway wrote it), if it has one. */
    Optional<String> bucketCors(String bucket);

    /**
     * Sets or replaces the bucket's CORS configuration; null removes it. The document is opaque here: the gateway
     * checks it before and reads it after.
     */
    void setBucketCors(String bucket, String document);

    /**
     * A v2 join token ({@link JoinToken.Enrollment}) that lets {@code uses} processes join within {@code ttlSeconds};
     * the token is in the answer and never again.
     */
    NewJoinToken createJoinToken(long ttlSeconds, int uses);
}
