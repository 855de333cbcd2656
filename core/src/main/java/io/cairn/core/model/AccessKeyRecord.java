package io.cairn.core.model;

/**
 * An access key of a {@link UserRecord}: the id a request names and the secret it is signed with.
 *
 * @param accessKeyId  unique in the cluster, whichever user holds it
 * @param label        what the key is for, as its creator described it; may be null
 * @param sealedSecret the secret key, sealed (encrypted and authenticated) by whoever created the record: opaque here,
 *                     and never printed
 * @param enabled      a disabled key authenticates nothing
 */
public record AccessKeyRecord(String accessKeyId, String user, String label, String sealedSecret, long createdAt,
                              boolean enabled) {

    public AccessKeyRecord withEnabled(boolean newEnabled) {
        return new AccessKeyRecord(accessKeyId, user, label, sealedSecret, createdAt, newEnabled);
    }

    /**
     * Without the sealed secret: records end up in logs and error messages, and a sealed secret is only as safe as
     * the key that sealed it.
     */
    @Override
    public String toString() {
        return "AccessKeyRecord[accessKeyId=" + accessKeyId + ", user=" + user + ", label=" + label + ", createdAt="
                + createdAt + ", enabled=" + enabled + "]";
    }
}
