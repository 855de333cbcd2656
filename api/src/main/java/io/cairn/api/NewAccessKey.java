package io.cairn.api;

/** A just-created access key with its secret: the one time the secret is shown. */
public record NewAccessKey(String access_key, String secret_key, String user, String label, String created_at) {
    @Override
    public String toString() {
        return "NewAccessKey[" + access_key + ", user=" + user + "]";
    }
}
