package io.cairn.core.model;

/**
 * S3's Block Public Access settings of a bucket. Each one is independent: a bucket without the setting at all (null
 * where a record holds one) blocks nothing, like one with all four false.
 *
 * @param blockPublicAcls       refuse a write that would set a public ACL ({@link Acl#grantsPublic()}) on the
 *                              bucket or an object in it
 * @param ignorePublicAcls      public grants of the bucket's and its objects' ACLs allow nothing
 * @param blockPublicPolicy     refuse a bucket policy that grants anyone at all
 * @param restrictPublicBuckets while the bucket's policy is public, it allows nothing to anonymous callers
 */
public record PublicAccessBlock(boolean blockPublicAcls, boolean ignorePublicAcls, boolean blockPublicPolicy,
                                boolean restrictPublicBuckets) {
    /** Nothing blocked: what a bucket without the setting behaves as. */
    public static final PublicAccessBlock NONE = new PublicAccessBlock(false, false, false, false);

    /** {@code block}, or {@link #NONE} for a bucket without the setting. */
    public static PublicAccessBlock orNone(PublicAccessBlock block) {
        return block == null ? NONE : block;
    }
}
