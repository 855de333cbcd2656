package io.cairn.gateway;

import io.cairn.api.BucketInfo;
import io.cairn.api.ChunkLocation;
import io.cairn.api.DeleteResult;
import io.cairn.api.Manifest;
import io.cairn.api.FileList;
import io.cairn.api.MetadataService;
import io.cairn.api.Replica;
import io.cairn.client.ObjectReader;
import io.cairn.client.ObjectUploader;
import io.cairn.client.TransferMemory;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.Names;
import io.cairn.core.model.Consistency;
import io.cairn.core.model.ObjectVersion;
import io.cairn.core.model.Versioning;
import io.cairn.gateway.RestEndpoint.Chunks;
import io.cairn.gateway.RestEndpoint.CreateBucket;
import io.cairn.gateway.RestEndpoint.DeleteBucket;
import io.cairn.gateway.RestEndpoint.DeleteFile;
import io.cairn.gateway.RestEndpoint.Download;
import io.cairn.gateway.RestEndpoint.GetMetadata;
import io.cairn.gateway.RestEndpoint.ListBuckets;
import io.cairn.gateway.RestEndpoint.ListFiles;
import io.cairn.gateway.RestEndpoint.Nodes;
import io.cairn.gateway.RestEndpoint.PutFile;
import io.cairn.gateway.RestEndpoint.PutMetadata;
import io.cairn.gateway.RestEndpoint.Status;
import io.cairn.gateway.RestEndpoint.Upload;
import io.cairn.gateway.RestEndpoint.Versions;
import io.cairn.http.Access;
import io.cairn.http.Exchange;
import io.cairn.auth.AdminAction;
import io.cairn.auth.S3Actions;
import io.cairn.http.Router;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The public REST API (its endpoints: docs/design/0001-foundation.md): parses each request into a
 * {@link RestEndpoint} and dispatches it in one switch.
 * Stateless apart from the transfer memory; thread-safe.
 */
public final class RestApi {
    private static final int MAX_LIST_LIMIT = 10_000;

    private final MetadataService meta;
    private final UploadHandler uploads;
    private final DownloadHandler downloads;
    private final Authorizer permissions;
    private final PartUploads parts;
    private final FileCopies copies;
    private final ShareLinks shares;
    private final ArchiveHandler archives;

    /** @param keys what share links are signed with: the sharer's own key */
    public RestApi(MetadataService meta, ObjectUploader uploader, TransferMemory memory, ObjectReader reader,
                   GatewaySettings settings, Authorizer permissions, KeyRing keys) {
        this.meta = meta;
        this.permissions = permissions;
        this.uploads = new UploadHandler(uploader, memory, settings, permissions);
        this.downloads = new DownloadHandler(meta, reader, memory);
        this.parts = new PartUploads(meta, uploader, uploads, settings);
        this.copies = new FileCopies(meta);
        this.shares = new ShareLinks(meta, keys, java.time.Clock.systemUTC());
        this.archives = new ArchiveHandler(meta, reader, memory, permissions);
    }

    /** Installs the API as the fallback route: paths no other route claims (health, metrics, internal) come here. */
    public void install(Router router) {
        for (String method : new String[] {"GET", "HEAD", "PUT", "POST", "DELETE"}) {
            router.prefix(Access.USER, method, "/", this::handle);
        }
    }

    void handle(Exchange ex) throws IOException {
        RestEndpoint endpoint = keyInQuery(ex).or(() -> RestRouter.parse(ex.method(), ex.path()))
                .orElseThrow(() -> RestRouter.knowsPath(ex.path())
                        ? new CairnException(ErrorCode.METHOD_NOT_ALLOWED, ex.method() + " is not allowed on "
                                + ex.path())
                        : new CairnException(ErrorCode.NOT_FOUND, "no such endpoint: " + ex.method() + " "
                                + ex.path()));
        ex.routeLabel(ex.method() + " " + endpoint.getClass().getSimpleName());
        String bucket = bucket(ex);
        authorize(ex, endpoint, bucket);
        switch (endpoint) {
            case Upload u -> uploads.multipart(ex, bucket);
            case PutFile p -> uploads.putFile(ex, bucket, p.name());
            case Download d -> downloads.download(ex, bucket, d.name(), d.headOnly());
            case ListFiles l -> listFiles(ex, bucket);
            case DeleteFile d -> deleteFile(ex, bucket, d.name());
            case Chunks c -> chunks(ex, bucket, c.name());
            case GetMetadata g -> ex.sendJson(200, metadataView(
                    DownloadHandler.live(meta.manifest(bucket, Names.storedKey(g.name()), version(ex))).version()));
            case PutMetadata p -> putMetadata(ex, bucket, p.name());
            case Versions v -> ex.sendJson(200, meta.versions(bucket, Names.storedKey(v.name())));
            case Status s -> ex.sendJson(200, meta.status());
            case Nodes n -> ex.sendJson(200, Map.of("nodes", meta.nodes()));
            case ListBuckets l -> ex.sendJson(200, Map.of("buckets", meta.buckets().stream()
                    .filter(b -> permissions.allows(ex, S3Actions.LIST_BUCKET, b.name(), null)).toList()));
            case CreateBucket c -> {
                BucketInfo created = meta.createBucket(Names.bucket(c.name()), Versioning.ENABLED,
                        ex.caller().bucketOwner());
                // A bucket of this name deleted a moment ago may still be remembered with its former owner.
                permissions.forget(created.name());
                ex.sendJson(201, created);
            }
            case DeleteBucket d -> {
                meta.deleteBucket(Names.bucket(d.name()));
                permissions.forget(Names.bucket(d.name()));
                ex.sendJson(200, Map.of("message", "Bucket deleted", "bucket", d.name()));
            }
            case RestEndpoint.SetConsistency c -> {
                String value = ex.readJson(Map.class).get("consistency") instanceof String v ? v : null;
                ex.sendJson(200, meta.setConsistency(Names.bucket(c.name()),
                        value == null ? null : Consistency.parse(value)));
            }
            case RestEndpoint.RecoveryStatus r -> ex.sendJson(200, meta.recoveryStatus());
            case RestEndpoint.Rebalance r -> ex.sendJson(202, meta.rebalance());
            case RestEndpoint.RepairFile r -> ex.sendJson(200, meta.repairFile(bucket, Names.storedKey(r.name()), version(ex)));
            case RestEndpoint.DrainNode d -> ex.sendJson(200, meta.drainNode(d.id()));
            case RestEndpoint.EnableNode e -> ex.sendJson(200, meta.enableNode(e.id()));
            case RestEndpoint.RemoveNode r -> {
                meta.removeNode(r.id());
                ex.sendJson(200, Map.of("message", "Node removed", "node_id", r.id()));
            }
            case RestEndpoint.CopyFile c -> copies.copy(ex, bucket, Names.storedKey(c.name()), version(ex),
                    FileCopies.Target.of(ex, bucket));
            case RestEndpoint.ShareFile s -> shares.share(ex, bucket, Names.storedKey(s.name()), version(ex));
            case RestEndpoint.CreateUpload c -> parts.create(ex, bucket);
            case RestEndpoint.UploadPart u -> parts.part(ex, bucket, u.id(), u.number());
            case RestEndpoint.ListParts l -> parts.list(ex, bucket, l.id());
            case RestEndpoint.ListUploads l -> parts.uploads(ex, bucket);
            case RestEndpoint.CompleteUpload c -> parts.complete(ex, bucket, c.id());
            case RestEndpoint.AbortUpload a -> parts.abort(ex, bucket, a.id());
            case RestEndpoint.Archive a -> archives.archive(ex, bucket, archives.select(ex, bucket));
        }
    }

    /**
     * The IAM action each endpoint is, so one policy covers a user on both APIs: a REST download is an
     * {@code s3:GetObject}, a node drain an {@code admin:NodeAdmin}.
     */
    private void authorize(Exchange ex, RestEndpoint endpoint, String bucket) {
        switch (endpoint) {
            case Upload u -> {
                // The key is in the form: UploadHandler asks once it has read it.
            }
            case PutFile p -> require(ex, S3Actions.PUT_OBJECT, bucket, p.name());
            case PutMetadata p -> require(ex, S3Actions.PUT_OBJECT, bucket, p.name());
            case Download d -> require(ex, S3Actions.GET_OBJECT, bucket, d.name());
            case Chunks c -> require(ex, S3Actions.GET_OBJECT, bucket, c.name());
            case GetMetadata g -> require(ex, S3Actions.GET_OBJECT, bucket, g.name());
            case DeleteFile d -> require(ex, ex.query("version") == null ? S3Actions.DELETE_OBJECT
                    : S3Actions.DELETE_OBJECT_VERSION, bucket, d.name());
            case Versions v -> require(ex, S3Actions.LIST_BUCKET_VERSIONS, bucket, null,
                    Map.of("s3:prefix", List.of(v.name())));
            case ListFiles l -> require(ex, S3Actions.LIST_BUCKET, bucket, null,
                    ex.query("prefix") == null ? Map.of() : Map.of("s3:prefix", List.of(ex.query("prefix"))));
            case ListBuckets l -> require(ex, S3Actions.LIST_ALL_MY_BUCKETS, null, null);
            case CreateBucket c -> require(ex, S3Actions.CREATE_BUCKET, c.name(), null);
            case DeleteBucket d -> require(ex, S3Actions.DELETE_BUCKET, d.name(), null);
            case RestEndpoint.SetConsistency c -> require(ex, S3Actions.PUT_BUCKET_VERSIONING, c.name(),
                    null);
            case Status s -> permissions.requireAdmin(ex, AdminAction.SERVER_INFO.wireName());
            case Nodes n -> permissions.requireAdmin(ex, AdminAction.SERVER_INFO.wireName());
            case RestEndpoint.RecoveryStatus r -> permissions.requireAdmin(ex, AdminAction.SERVER_INFO.wireName());
            case RestEndpoint.Rebalance r -> permissions.requireAdmin(ex, AdminAction.REBALANCE.wireName());
            case RestEndpoint.RepairFile r -> permissions.requireAdmin(ex, AdminAction.REPAIR.wireName());
            case RestEndpoint.DrainNode d -> permissions.requireAdmin(ex, AdminAction.NODE_ADMIN.wireName());
            case RestEndpoint.EnableNode e -> permissions.requireAdmin(ex, AdminAction.NODE_ADMIN.wireName());
            case RestEndpoint.RemoveNode r -> permissions.requireAdmin(ex, AdminAction.NODE_ADMIN.wireName());
            case RestEndpoint.CopyFile c -> {
                require(ex, ex.query("version") == null ? S3Actions.GET_OBJECT : S3Actions.GET_OBJECT_VERSION, bucket,
                        c.name());
                FileCopies.Target to = FileCopies.Target.of(ex, bucket);
                require(ex, S3Actions.PUT_OBJECT, to.bucket(), to.key());
            }
            // A link can do what its sharer can: read the file.
            case RestEndpoint.ShareFile s -> require(ex, ex.query("version") == null ? S3Actions.GET_OBJECT
                    : S3Actions.GET_OBJECT_VERSION, bucket, s.name());
            case RestEndpoint.CreateUpload c -> require(ex, S3Actions.PUT_OBJECT, bucket, ex.query("key"));
            case RestEndpoint.UploadPart u -> require(ex, S3Actions.PUT_OBJECT, bucket, ex.query("key"));
            case RestEndpoint.CompleteUpload c -> require(ex, S3Actions.PUT_OBJECT, bucket, ex.query("key"));
            case RestEndpoint.ListParts l -> require(ex, S3Actions.LIST_MULTIPART_UPLOAD_PARTS, bucket,
                    ex.query("key"));
            case RestEndpoint.AbortUpload a -> require(ex, S3Actions.ABORT_MULTIPART_UPLOAD, bucket, ex.query("key"));
            case RestEndpoint.ListUploads l -> require(ex, S3Actions.LIST_BUCKET_MULTIPART_UPLOADS, bucket, null);
            case RestEndpoint.Archive a -> {
                // Each file named, and each folder listed, asks for its right in ArchiveHandler.select, before the
                // first byte is sent.
            }
        }
    }

    /** Asks for the right, naming what it is asked on as what the request acts on (the audit log's bucket and key). */
    private void require(Exchange ex, String action, String bucket, String key) {
        require(ex, action, bucket, key, Map.of());
    }

    private void require(Exchange ex, String action, String bucket, String key, Map<String, List<String>> context) {
        ex.target(bucket, key);
        permissions.require(ex, action, bucket, key, context);
    }

    private void listFiles(Exchange ex, String bucket) throws IOException {
        long limit = ex.queryLong("limit", 1000);
        if (limit < 1 || limit > MAX_LIST_LIMIT) {
            throw CairnException.invalidArgument("limit must be between 1 and " + MAX_LIST_LIMIT);
        }
        String delimiter = ex.query("delimiter");
        if (delimiter == null || delimiter.isEmpty()) {
            ex.sendJson(200, meta.list(bucket, ex.query("prefix"), ex.query("after"), (int) limit));
            return;
        }
        ex.sendJson(200, FileList.of(bucket, meta.listObjects(bucket, ex.query("prefix"), delimiter,
                ex.query("after"), (int) limit)));
    }

    /**
     * {@code GET|HEAD|DELETE /files?key=K}: the key as a query parameter, for a key no path can carry unambiguously
     * (one ending in a segment the router reads, such as {@code /chunks}); any stored key works, as in a path.
     */
    private static Optional<RestEndpoint> keyInQuery(Exchange ex) {
        String key = ex.query("key");
        if (key == null || !ex.path().equals("/files")) {
            return Optional.empty();
        }
        return Optional.of(switch (ex.method()) {
            case "GET" -> new Download(key, false);
            case "HEAD" -> new Download(key, true);
            case "DELETE" -> new DeleteFile(key);
            default -> throw new CairnException(ErrorCode.METHOD_NOT_ALLOWED, ex.method()
                    + " is not allowed on /files?key=: GET, HEAD or DELETE");
        });
    }

    private void deleteFile(Exchange ex, String bucket, String name) throws IOException {
        DeleteResult result = meta.delete(bucket, Names.storedKey(name), version(ex));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", "File deleted successfully");
        body.put("filename", result.filename());
        body.put("versions_deleted", result.versions_deleted());
        ex.sendJson(200, body);
    }

    private void chunks(Exchange ex, String bucket, String name) throws IOException {
        Manifest manifest = DownloadHandler.live(meta.manifest(bucket, Names.storedKey(name), version(ex)));
        List<Map<String, Object>> chunks = new ArrayList<>();
        int index = 0;
        for (ChunkLocation chunk : manifest.chunks()) {
            List<Map<String, Object>> replicas = new ArrayList<>();
            for (Replica replica : chunk.replicas()) {
                replicas.add(Map.of("node_id", replica.node().value(), "url", replica.url(),
                        "healthy", replica.healthy()));
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("index", index++);
            entry.put("id", chunk.id().hex());
            entry.put("size", chunk.size());
            entry.put("offset", chunk.offset());
            entry.put("replicas", replicas);
            chunks.add(entry);
        }
        ex.sendJson(200, Map.of("filename", name, "version", manifest.version().version(), "chunks", chunks));
    }

    private void putMetadata(Exchange ex, String bucket, String name) throws IOException {
        Names.storedKey(name);
        MetadataBody body = ex.readJson(MetadataBody.class);
        if (body.metadata() == null) {
            throw CairnException.badRequest("body must be {\"metadata\": {\"key\": \"value\", ...}}");
        }
        ex.sendJson(200, metadataView(meta.updateMetadata(bucket, name, body.metadata())));
    }

    record MetadataBody(Map<String, String> metadata) {
    }

    private static Map<String, Object> metadataView(ObjectVersion v) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("filename", v.key());
        view.put("bucket", v.bucket());
        view.put("version", v.version());
        view.put("size", v.size());
        view.put("content_type", v.contentType());
        view.put("uploaded_at", isoDate(v.createdAt()));
        view.put("chunk_size", v.chunkSize());
        view.put("chunks", v.chunks().size());
        view.put("replication_factor", v.replication());
        view.put("metadata", v.metadata());
        String sha256 = ContentDigest.sha256Of(v.checksum());
        if (sha256 != null) {
            view.put("sha256", sha256);
        }
        return view;
    }

    static String bucket(Exchange ex) {
        String bucket = ex.query("bucket");
        return bucket == null || bucket.isEmpty() ? Names.DEFAULT_BUCKET : Names.bucket(bucket);
    }

    /** The {@code version} query parameter: null when absent, else a positive integer. */
    static Long version(Exchange ex) {
        String value = ex.query("version");
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            long version = Long.parseLong(value);
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException ignored) {
            // Falls through to the error below.
        }
        throw CairnException.invalidArgument("version must be a positive integer, got '" + value + "'");
    }

    static String isoDate(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    static String httpDate(long epochMillis) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochMilli(epochMillis).atOffset(ZoneOffset.UTC));
    }

}
