package io.cairn.client;

import com.fasterxml.jackson.core.type.TypeReference;
import io.cairn.api.AccessKeyInfo;
import io.cairn.api.ApiPaths;
import io.cairn.api.IdentityCall;
import io.cairn.api.IdentityService;
import io.cairn.api.KeyIdentity;
import io.cairn.api.NewAccessKey;
import io.cairn.api.NewJoinToken;
import io.cairn.api.PolicyInfo;
import io.cairn.api.UserInfo;
import io.cairn.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link IdentityService} over the controllers' internal API, for a gateway in its own process. */
public final class HttpIdentityClient implements IdentityService {
    private final HttpTransport http;
    private final ControllerFailover controllers;

    public HttpIdentityClient(HttpTransport http, List<String> controllerUrls) {
        this.http = http;
        this.controllers = new ControllerFailover(controllerUrls, ControllerFailover.DEFAULT_DEADLINE);
    }

    private <T> T call(IdentityCall call, TypeReference<T> type) {
        byte[] answer = controllers.call(base -> http.postJson(base + ApiPaths.IDENTITY, call));
        try {
            return Json.MAPPER.readValue(answer, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T call(IdentityCall call, Class<T> type) {
        return Json.fromBytes(controllers.call(base -> http.postJson(base + ApiPaths.IDENTITY, call)), type);
    }

    @Override
    public UserInfo createUser(String name, List<String> policies) {
        return call(new IdentityCall.CreateUser(name, policies), UserInfo.class);
    }

    @Override
    public UserInfo setUserEnabled(String name, boolean enabled) {
        return call(new IdentityCall.SetUserEnabled(name, enabled), UserInfo.class);
    }

    @Override
    public UserInfo setUserPolicies(String name, List<String> policies) {
        return call(new IdentityCall.SetUserPolicies(name, policies), UserInfo.class);
    }

    @Override
    public UserInfo changeUserPolicy(String name, String policy, boolean attach) {
        return call(new IdentityCall.ChangeUserPolicy(name, policy, attach), UserInfo.class);
    }

    @Override
    public void deleteUser(String name) {
        call(new IdentityCall.DeleteUser(name), Map.class);
    }

    @Override
    public List<UserInfo> users() {
        return call(new IdentityCall.Users(), new TypeReference<List<UserInfo>>() { });
    }

    @Override
    public NewAccessKey createAccessKey(String user, String label, String accessKey, String secretKey) {
        return call(new IdentityCall.CreateAccessKey(user, label, accessKey, secretKey), NewAccessKey.class);
    }

    @Override
    public List<AccessKeyInfo> accessKeys(String user) {
        return call(new IdentityCall.AccessKeys(user), new TypeReference<List<AccessKeyInfo>>() { });
    }

    @Override
    public AccessKeyInfo setAccessKeyEnabled(String accessKey, boolean enabled) {
        return call(new IdentityCall.SetAccessKeyEnabled(accessKey, enabled), AccessKeyInfo.class);
    }

    @Override
    public void deleteAccessKey(String accessKey) {
        call(new IdentityCall.DeleteAccessKey(accessKey), Map.class);
    }

    @Override
    public PolicyInfo putPolicy(String name, String document) {
        return call(new IdentityCall.PutPolicy(name, document), PolicyInfo.class);
    }

    @Override
    public PolicyInfo policy(String name) {
        return call(new IdentityCall.GetPolicy(name), PolicyInfo.class);
    }

    @Override
    public List<PolicyInfo> policies() {
        return call(new IdentityCall.Policies(), new TypeReference<List<PolicyInfo>>() { });
    }

    @Override
    public void deletePolicy(String name) {
        call(new IdentityCall.DeletePolicy(name), Map.class);
    }

    /** An unknown key answers an empty object. */
    @Override
    public Optional<KeyIdentity> identity(String accessKey) {
        KeyIdentity identity = call(new IdentityCall.Identity(accessKey), KeyIdentity.class);
        return identity.access_key() == null ? Optional.empty() : Optional.of(identity);
    }

    /** A bucket without a policy answers an empty object. */
    @Override
    public Optional<String> bucketPolicy(String bucket) {
        return document(new IdentityCall.GetBucketPolicy(bucket));
    }

    @Override
    public void setBucketPolicy(String bucket, String document) {
        call(new IdentityCall.SetBucketPolicy(bucket, document), Map.class);
    }

    @Override
    public void deleteBucketPolicy(String bucket) {
        call(new IdentityCall.DeleteBucketPolicy(bucket), Map.class);
    }

    /** A bucket without one answers an empty object. */
    @Override
    public Optional<String> bucketCors(String bucket) {
        return document(new IdentityCall.GetBucketCors(bucket));
    }

    @Override
    public void setBucketCors(String bucket, String document) {
        call(new IdentityCall.SetBucketCors(bucket, document), Map.class);
    }

    private Optional<String> document(IdentityCall call) {
        Map<?, ?> answer = call(call, Map.class);
        return Optional.ofNullable((String) answer.get("document"));
    }

    @Override
    public NewJoinToken createJoinToken(long ttlSeconds, int uses) {
        return call(new IdentityCall.CreateJoinToken(ttlSeconds, uses), NewJoinToken.class);
    }
}
