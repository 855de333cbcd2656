package io.cairn.s3;

import io.cairn.api.MetadataService;
import io.cairn.http.Caller;
import io.cairn.s3.xml.XmlWriter;

/**
 * Owners as S3 shows them: a user's canonical ID and display name are both the user's name, the root user's are
 * {@link #ROOT}. A bucket is its creator's; an object its writer's (or the bucket owner's, for one the bucket owner,
 * root or an anonymous caller wrote). Listings show the bucket's owner.
 */
final class Owner {
    static final String ROOT = Caller.User.ROOT;

    private Owner() {
    }

    /** The canonical ID of an owner kept as a user name, or null for the root user. */
    static String id(String user) {
        return user == null ? ROOT : user;
    }

    /** The canonical ID of the caller: null for an anonymous one. */
    static String of(Caller caller) {
        return caller instanceof Caller.User user ? user.name() : null;
    }

    /** The canonical ID of a bucket's owner. */
    static String ofBucket(MetadataService meta, String bucket) {
        return id(meta.bucket(bucket).owner());
    }

    static void write(XmlWriter xml, String id) {
        writeAs(xml, "Owner", id);
    }

    /** An owner under another element name (a multipart upload's Initiator). */
    static void writeAs(XmlWriter xml, String element, String id) {
        xml.start(element).element("ID", id).element("DisplayName", id).end();
    }
}
