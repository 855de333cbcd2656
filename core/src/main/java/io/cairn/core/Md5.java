package io.cairn.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** MD5, which S3 uses for ETags and Content-MD5; every JDK has it, so its absence is a broken runtime. */
public final class Md5 {
    private Md5() {
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no MD5", e);
        }
    }

    /** A multipart object's ETag as S3 makes it: the MD5 of its parts' MD5s (their hex ETags), "-", their count. */
    public static String ofParts(List<String> partEtags) {
        MessageDigest md5s = newDigest();
        for (String etag : partEtags) {
            md5s.update(HexFormat.of().parseHex(etag));
        }
        return HexFormat.of().formatHex(md5s.digest()) + "-" + partEtags.size();
    }
}
