package io.cairn.api;

/** Paths of the internal controller API (gateway and node to controller) and of a storage node's chunk API. */
public final class ApiPaths {
    public static final String INTERNAL = "/internal/v1";
    public static final String REGISTER = INTERNAL + "/nodes/register";
    public static final String HEARTBEAT = INTERNAL + "/nodes/heartbeat";
    public static final String ALLOCATE = INTERNAL + "/allocate";
    public static final String COMMIT = INTERNAL + "/commit";
    public static final String MANIFEST = INTERNAL + "/manifest";
    public static final String LIST = INTERNAL + "/list";
    public static final String LIST_OBJECTS = INTERNAL + "/list-objects";
    public static final String LIST_VERSIONS = INTERNAL + "/list-versions";
    public static final String DELETE_KEY = INTERNAL + "/delete-key";
    public static final String VERSIONING = INTERNAL + "/versioning";
    public static final String UPLOADS = INTERNAL + "/uploads";
    public static final String UPLOAD = INTERNAL + "/upload";
    public static final String PARTS = INTERNAL + "/parts";
    public static final String COMPLETE_UPLOAD = INTERNAL + "/upload/complete";
    public static final String ABORT_UPLOAD = INTERNAL + "/upload/abort";
    public static final String VERSIONS = INTERNAL + "/versions";
    public static final String DELETE = INTERNAL + "/delete";
    public static final String METADATA = INTERNAL + "/metadata";
    public static final String ACL = INTERNAL + "/acl";
    public static final String TAGS = INTERNAL + "/tags";
    public static final String BUCKETS = INTERNAL + "/buckets";
    public static final String STATUS = INTERNAL + "/status";
    public static final String NODES = INTERNAL + "/nodes";
    public static final String BAD_REPLICA = INTERNAL + "/bad-replica";
    public static final String NODE_STATE = INTERNAL + "/nodes/state";
    public static final String REMOVE_NODE = INTERNAL + "/nodes/remove";
    public static final String RECOVERY = INTERNAL + "/recovery";
    public static final String REPAIR_FILE = INTERNAL + "/repair-file";
    public static final String REBALANCE = INTERNAL + "/rebalance";
    public static final String RECORD_COPIES = INTERNAL + "/record-copies";
    public static final String CONSISTENCY = INTERNAL + "/consistency";
    public static final String OWNERSHIP = INTERNAL + "/ownership";
    public static final String PUBLIC_ACCESS_BLOCK = INTERNAL + "/public-access-block";
    public static final String LOST_CHUNKS = INTERNAL + "/nodes/lost-chunks";
    public static final String QUOTAS = INTERNAL + "/quotas";
    /** Every {@link IdentityService} call, as an {@link IdentityCall}. */
    public static final String IDENTITY = INTERNAL + "/identity";
    /**
     * Where a new process redeems a v2 join token ({@link EnrollRequest}) for the cluster secret: the one internal
     * route open to callers without a credential, since the token is what the caller has instead.
     */
    public static final String ENROLL = INTERNAL + "/enroll";

    /**
     * Chunk API of a storage node: {@code PUT|GET|HEAD /chunks/{id}}, {@code DELETE /chunks/{id}?generation=},
     * {@code POST /chunks/{id}/verify}, {@code POST /chunks/{id}/replicate}, {@code GET /chunks?after=&limit=}.
     */
    public static final String CHUNKS = "/chunks";

    /** The generation of a node's copy of a chunk: answered by PUT, sent with GET and HEAD. */
    public static final String GENERATION_HEADER = "X-Cairn-Generation";

    /**
     * Sent by a reader that verifies every chunk it gets against its id (the gateway does): the node then streams the
     * chunk without hashing it a second time, which would double the CPU spent per byte read.
     */
    public static final String READER_VERIFIES_HEADER = "X-Cairn-Reader-Verifies";

    /**
     * Sent with a chunk PUT by a writer that hashed the chunk to its id itself (the gateway): the CRC32C of its bytes,
     * 8 hex digits. The node then checks that the bytes arrived as sent instead of hashing them with SHA-256 again,
     * once per replica; reads and the scrubber still hash every copy against its id. Without it the node hashes.
     */
    public static final String CRC32C_HEADER = "X-Cairn-Crc32c";

    /** Header carrying the API key on every request but {@code /health}. */
    public static final String API_KEY_HEADER = "X-API-Key";

    private ApiPaths() {
    }
}
