package io.cairn.s3;

import io.cairn.core.Md5;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The server-side encryption headers of a request, checked as S3 checks them. Cairn does not encrypt objects with
 * S3's SSE yet, so a well-formed request for it is refused as not implemented, never stored unencrypted; a malformed
 * or conflicting one gets the 400 S3 gives it, so that a client learns its mistake whichever server it talks to.
 * Reads name none: no object is stored encrypted, so any such header is one S3 would refuse too.
 */
final class EncryptionHeaders {
    static final String SSE = "x-amz-server-side-encryption";
    private static final String CUSTOMER_ALGORITHM = "x-amz-server-side-encryption-customer-algorithm";
    private static final String CUSTOMER_KEY = "x-amz-server-side-encryption-customer-key";
    private static final String CUSTOMER_KEY_MD5 = "x-amz-server-side-encryption-customer-key-md5";
    private static final List<String> KMS = List.of("x-amz-server-side-encryption-aws-kms-key-id",
            "x-amz-server-side-encryption-context");
    private static final Set<String> METHODS = Set.of("AES256", "aws:kms", "aws:kms:dsse");
    private static final int CUSTOMER_KEY_BYTES = 32;

    private EncryptionHeaders() {
    }

    /** A PutObject, CopyObject, CreateMultipartUpload or UploadPart: refused if it names encryption at all. */
    static void refuseOnWrite(S3Call call) {
        String method = call.header(SSE);
        if (method != null && !METHODS.contains(method.strip())) {
            throw invalid("The encryption method specified is not supported");
        }
        boolean customer = call.header(CUSTOMER_ALGORITHM) != null || call.header(CUSTOMER_KEY) != null
                || call.header(CUSTOMER_KEY_MD5) != null;
        if (customer) {
            if (method != null) {
                throw invalid("Server Side Encryption with Customer provided key is incompatible with the encryption"
                        + " method specified");
            }
            checkCustomerKey(call);
        }
        boolean kms = KMS.stream().anyMatch(h -> call.header(h) != null);
        if (kms && (method == null || !method.strip().startsWith("aws:kms"))) {
            throw invalid("Server Side Encryption with AWS KMS managed key requires HTTP header " + SSE + " : aws:kms");
        }
        if (method != null || customer) {
            throw new S3Exception(S3Error.NotImplemented, "Cairn does not implement S3 server-side encryption yet: "
                    + "the object was not stored");
        }
    }

    /** A GetObject or HeadObject: S3 refuses SSE-S3 and SSE-KMS headers on reads, and SSE-C for objects without. */
    static void refuseOnRead(S3Call call) {
        if (call.header(SSE) != null || KMS.stream().anyMatch(h -> call.header(h) != null)) {
            throw invalid("The " + SSE + " header is not supported for this operation.");
        }
        if (call.header(CUSTOMER_ALGORITHM) != null || call.header(CUSTOMER_KEY) != null) {
            checkCustomerKey(call);
            throw new S3Exception(S3Error.InvalidRequest, "The encryption parameters are not applicable to this "
                    + "object.");
        }
    }

    private static void checkCustomerKey(S3Call call) {
        String algorithm = call.header(CUSTOMER_ALGORITHM);
        if (algorithm == null || !algorithm.strip().equals("AES256")) {
            throw invalid("Requests specifying Server Side Encryption with Customer provided keys must provide a "
                    + "valid encryption algorithm.");
        }
        byte[] key = base64(call.header(CUSTOMER_KEY));
        if (key == null || key.length != CUSTOMER_KEY_BYTES) {
            throw invalid("The secret key was invalid for the specified algorithm.");
        }
        byte[] md5 = base64(call.header(CUSTOMER_KEY_MD5));
        if (md5 == null) {
            throw invalid("Requests specifying Server Side Encryption with Customer provided keys must provide the "
                    + "client calculated MD5 of the secret key.");
        }
        if (!MessageDigest.isEqual(md5, Md5.newDigest().digest(key))) {
            throw invalid("The calculated MD5 hash of the key did not match the hash that was provided.");
        }
    }

    private static byte[] base64(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static S3Exception invalid(String message) {
        return new S3Exception(S3Error.InvalidArgument, message);
    }
}
