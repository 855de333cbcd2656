package io.cairn.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * One {@link IdentityService} call as the internal API carries it ({@link ApiPaths#IDENTITY}): one endpoint and one
 * switch for the whole service, where each call is a few fields.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, property = "call")
@JsonSubTypes({@JsonSubTypes.Type(IdentityCall.CreateUser.class), @JsonSubTypes.Type(IdentityCall.SetUserEnabled.class),
        @JsonSubTypes.Type(IdentityCall.SetUserPolicies.class), @JsonSubTypes.Type(IdentityCall.ChangeUserPolicy.class),
        @JsonSubTypes.Type(IdentityCall.DeleteUser.class),
        @JsonSubTypes.Type(IdentityCall.Users.class), @JsonSubTypes.Type(IdentityCall.CreateAccessKey.class),
        @JsonSubTypes.Type(IdentityCall.AccessKeys.class), @JsonSubTypes.Type(IdentityCall.SetAccessKeyEnabled.class),
        @JsonSubTypes.Type(IdentityCall.DeleteAccessKey.class), @JsonSubTypes.Type(IdentityCall.PutPolicy.class),
        @JsonSubTypes.Type(IdentityCall.GetPolicy.class), @JsonSubTypes.Type(IdentityCall.Policies.class),
        @JsonSubTypes.Type(IdentityCall.DeletePolicy.class), @JsonSubTypes.Type(IdentityCall.Identity.class),
        @JsonSubTypes.Type(IdentityCall.GetBucketPolicy.class), @JsonSubTypes.Type(IdentityCall.SetBucketPolicy.class),
        @JsonSubTypes.Type(IdentityCall.DeleteBucketPolicy.class), @JsonSubTypes.Type(IdentityCall.GetBucketCors.class),
        @JsonSubTypes.Type(IdentityCall.SetBucketCors.class),
        @JsonSubTypes.Type(IdentityCall.CreateJoinToken.class)})
public sealed interface IdentityCall {
    record CreateUser(String name, List<String> policies) implements IdentityCall {
    }

    record SetUserEnabled(String name, boolean enabled) implements IdentityCall {
    }

    record SetUserPolicies(String name, List<String> policies) implements IdentityCall {
    }

    record ChangeUserPolicy(String name, String policy, boolean attach) implements IdentityCall {
    }

    record DeleteUser(String name) implements IdentityCall {
    }

    record Users() implements IdentityCall {
    }

    record CreateAccessKey(String user, String label, String access_key, String secret_key) implements IdentityCall {
        @Override
        public String toString() {
            return "CreateAccessKey[" + user + "]";
        }
    }

    record AccessKeys(String user) implements IdentityCall {
    }

    record SetAccessKeyEnabled(String access_key, boolean enabled) implements IdentityCall {
    }

    record DeleteAccessKey(String access_key) implements IdentityCall {
    }

    record PutPolicy(String name, String document) implements IdentityCall {
    }

    record GetPolicy(String name) implements IdentityCall {
    }

    record Policies() implements IdentityCall {
    }

    record DeletePolicy(String name) implements IdentityCall {
    }

    record Identity(String access_key) implements IdentityCall {
    }

    record GetBucketPolicy(String bucket) implements IdentityCall {
    }

    record SetBucketPolicy(String bucket, String document) implements IdentityCall {
    }

    record DeleteBucketPolicy(String bucket) implements IdentityCall {
    }

    record GetBucketCors(String bucket) implements IdentityCall {
    }

    /** @param document null removes the configuration */
    record SetBucketCors(String bucket, String document) implements IdentityCall {
    }

    record CreateJoinToken(long ttl_seconds, int uses) implements IdentityCall {
    }
}
