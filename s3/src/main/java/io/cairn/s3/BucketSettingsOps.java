package io.cairn.s3;

import io.cairn.api.MetadataService;
import io.cairn.s3.router.S3Operation;
import io.cairn.s3.xml.XmlWriter;
import java.io.IOException;

/**
 * Reading the bucket settings Cairn has no way to set: the true answer is that none is configured, which S3 gives as
 * its "not found" error for the setting, or as an empty document where S3 has one (logging, notifications). Tools
 * probe these before they work; setting any of them stays NotImplemented.
 */
final class BucketSettingsOps {
    private final MetadataService meta;

    BucketSettingsOps(MetadataService meta) {
        this.meta = meta;
    }

    /** @return whether {@code op} was one of the settings answered here */
    boolean answer(S3Call call) throws IOException {
        S3Operation op = call.op();
        S3Error none = switch (op) {
            case S3Operation.GetBucketLifecycleConfiguration g -> S3Error.NoSuchLifecycleConfiguration;
            case S3Operation.GetBucketEncryption g -> S3Error.ServerSideEncryptionConfigurationNotFoundError;
            case S3Operation.GetBucketWebsite g -> S3Error.NoSuchWebsiteConfiguration;
            case S3Operation.GetBucketReplication g -> S3Error.ReplicationConfigurationNotFoundError;
            case S3Operation.GetObjectLockConfiguration g -> S3Error.ObjectLockConfigurationNotFoundError;
            default -> null;
        };
        XmlWriter empty = switch (op) {
            case S3Operation.GetBucketLogging g -> XmlWriter.document("BucketLoggingStatus");
            case S3Operation.GetBucketNotificationConfiguration g -> XmlWriter.document("NotificationConfiguration");
            case S3Operation.GetBucketRequestPayment g -> XmlWriter.document("RequestPaymentConfiguration")
                    .element("Payer", "BucketOwner");
            case S3Operation.GetBucketAccelerateConfiguration g -> XmlWriter.document("AccelerateConfiguration");
            default -> null;
        };
        if (none == null && empty == null) {
            return false;
        }
        meta.bucket(call.bucket());
        if (none != null) {
            throw new S3Exception(none, "The " + op.name().substring(3) + " setting does not exist for this bucket");
        }
        call.sendXml(200, empty);
        return true;
    }
}
