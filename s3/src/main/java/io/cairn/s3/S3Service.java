package io.cairn.s3;

import io.cairn.api.MetadataService;
import io.cairn.client.DataPathSettings;
import io.cairn.client.ObjectReader;
import io.cairn.client.ObjectUploader;
import io.cairn.client.TransferMemory;
import io.cairn.core.model.PartLimits;
import io.cairn.http.MultipartFileStream;
import io.cairn.s3.auth.VerifiedBody;
import io.cairn.s3.router.S3Operation;
import java.io.IOException;

/**
 * The S3 operations Cairn implements, dispatched in one switch over the parsed operation; every other operation is
 * answered NotImplemented, never with a success it did not earn. An adapter over the same object service as the
 * REST API: the metadata service, the uploader and the reader.
 */
public final class S3Service {
    private final BucketOps buckets;
    private final ListOps lists;
    private final ObjectOps objects;
    private final PostObjectOp posts;
    private final DeleteObjectsOp deletes;
    private final MultipartOps multipart;
    private final VersionsOp versions;
    private final ObjectAttributesOp attributes;
    private final AclOps acls;
    private final BucketSettingsOps settingsOps;
    private final BucketPolicyOps policyOps;
    private final BucketOwnershipOps ownershipOps;
    private final BucketCorsOps corsOps;
    private final PublicAccessBlockOps publicAccessOps;
    private final TaggingOps tagging;

    /** @param memory the gateway's transfer memory (and upload slots), shared with the REST API */
    public S3Service(MetadataService meta, ObjectUploader uploader, TransferMemory memory, ObjectReader reader,
                     S3Settings settings, BucketPolicies policies, BucketCors cors) {
        this.buckets = new BucketOps(meta, settings.region(), policies, cors);
        this.lists = new ListOps(meta);
        this.objects = new ObjectOps(meta, uploader, memory, reader, settings);
        this.posts = new PostObjectOp(objects, uploader, memory, settings);
        this.deletes = new DeleteObjectsOp(objects);
        this.multipart = new MultipartOps(meta, uploader, memory, reader, objects, settings);
        this.versions = new VersionsOp(meta, objects);
        this.attributes = new ObjectAttributesOp(objects);
        this.acls = new AclOps(meta, objects, policies);
        this.settingsOps = new BucketSettingsOps(meta);
        this.policyOps = new BucketPolicyOps(meta, policies);
        this.ownershipOps = new BucketOwnershipOps(meta, policies);
        this.corsOps = new BucketCorsOps(meta, cors);
        this.publicAccessOps = new PublicAccessBlockOps(meta, policies);
        this.tagging = new TaggingOps(meta, objects);
    }

    /**
     * The most memory one S3 request reserves when objects are cut in {@code chunkSize} chunks: a POST form (a PUT
     * of unknown length with an aws-chunked body and the form's parser), or an UploadPartCopy (its part's upload, the
     * pipe and one chunk of the source read ahead, the least its reading is cut to).
     */
    public static long largestRequest(DataPathSettings dataPath, int chunkSize) {
        long post = ObjectUploader.memory(dataPath, chunkSize, -1) + VerifiedBody.CHUNKED_MEMORY
                + MultipartFileStream.MEMORY;
        long partCopy = ObjectUploader.memory(dataPath, chunkSize, PartLimits.MAX_PART_SIZE)
                + TransferMemory.heapCost(MultipartOps.COPY_PIPE_BYTES) + TransferMemory.heapCost(chunkSize);
        return Math.max(post, partCopy);
    }

    void dispatch(S3Call call) throws IOException {
        buckets.requireExpectedOwner(call);
        switch (call.op()) {
            case S3Operation.ListBuckets l -> buckets.list(call, l);
            case S3Operation.CreateBucket c -> buckets.create(call);
            case S3Operation.HeadBucket h -> buckets.head(call);
            case S3Operation.DeleteBucket d -> buckets.delete(call);
            case S3Operation.GetBucketLocation g -> buckets.location(call);
            case S3Operation.GetBucketVersioning g -> buckets.getVersioning(call);
            case S3Operation.PutBucketVersioning p -> buckets.putVersioning(call);
            case S3Operation.ListObjects l -> lists.listV1(call, l);
            case S3Operation.ListObjectsV2 l -> lists.listV2(call, l);
            case S3Operation.ListObjectVersions l -> versions.list(call, l);
            case S3Operation.PutObject p -> objects.put(call);
            case S3Operation.PostObject p -> posts.run(call);
            case S3Operation.CopyObject c -> objects.copy(call);
            case S3Operation.GetObject g -> objects.get(call, g.versionId(), g.partNumber(), false);
            case S3Operation.HeadObject h -> objects.get(call, h.versionId(), h.partNumber(), true);
            case S3Operation.DeleteObject d -> objects.delete(call, d.versionId());
            case S3Operation.GetObjectAttributes g -> attributes.get(call, g);
            case S3Operation.DeleteObjects d -> deletes.run(call);
            case S3Operation.GetBucketAcl g -> acls.getBucketAcl(call);
            case S3Operation.PutBucketAcl p -> acls.putBucketAcl(call);
            case S3Operation.GetObjectAcl g -> acls.getObjectAcl(call, g.versionId());
            case S3Operation.PutObjectAcl p -> acls.putObjectAcl(call, p.versionId());
            case S3Operation.CreateMultipartUpload c -> multipart.create(call);
            case S3Operation.UploadPart u -> multipart.uploadPart(call, u);
            case S3Operation.UploadPartCopy u -> multipart.uploadPartCopy(call, u);
            case S3Operation.CompleteMultipartUpload c -> multipart.complete(call, c);
            case S3Operation.AbortMultipartUpload a -> multipart.abort(call, a);
            case S3Operation.ListParts l -> multipart.listParts(call, l);
            case S3Operation.ListMultipartUploads l -> multipart.listUploads(call, l);
            case S3Operation.GetBucketPolicy g -> policyOps.get(call);
            case S3Operation.GetBucketPolicyStatus g -> policyOps.status(call);
            case S3Operation.PutBucketPolicy p -> policyOps.put(call);
            case S3Operation.DeleteBucketPolicy d -> policyOps.delete(call);
            case S3Operation.GetBucketOwnershipControls g -> ownershipOps.get(call);
            case S3Operation.PutBucketOwnershipControls p -> ownershipOps.put(call);
            case S3Operation.DeleteBucketOwnershipControls d -> ownershipOps.delete(call);
            case S3Operation.GetBucketCors g -> corsOps.get(call);
            case S3Operation.PutBucketCors p -> corsOps.put(call);
            case S3Operation.DeleteBucketCors d -> corsOps.delete(call);
            case S3Operation.GetPublicAccessBlock g -> publicAccessOps.get(call);
            case S3Operation.PutPublicAccessBlock p -> publicAccessOps.put(call);
            case S3Operation.DeletePublicAccessBlock d -> publicAccessOps.delete(call);
            case S3Operation.GetObjectTagging g -> tagging.getObjectTagging(call, g.versionId());
            case S3Operation.PutObjectTagging p -> tagging.putObjectTagging(call, p.versionId());
            case S3Operation.DeleteObjectTagging d -> tagging.deleteObjectTagging(call, d.versionId());
            case S3Operation.GetBucketTagging g -> tagging.getBucketTagging(call);
            case S3Operation.PutBucketTagging p -> tagging.putBucketTagging(call);
            case S3Operation.DeleteBucketTagging d -> tagging.deleteBucketTagging(call);
            default -> {
                if (!settingsOps.answer(call)) {
                    throw new S3Exception(S3Error.NotImplemented, "Cairn does not implement " + call.op().name()
                            + " yet");
                }
            }
        }
    }
}
