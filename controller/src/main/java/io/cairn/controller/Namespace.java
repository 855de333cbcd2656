package io.cairn.controller;

import io.cairn.api.AclUpdate;
import io.cairn.api.TagUpdate;
import io.cairn.core.model.Acl;
import io.cairn.api.BucketInfo;
import io.cairn.api.ChunkLocation;
import io.cairn.api.CommitRequest;
import io.cairn.api.DeleteResult;
import io.cairn.api.FileList;
import io.cairn.api.Manifest;
import io.cairn.api.PublicAccessBlockUpdate;
import io.cairn.api.Replica;
import io.cairn.api.VersionInfo;
import io.cairn.api.VersionList;
import io.cairn.core.CairnException;
import io.cairn.core.ChunkId;
import io.cairn.core.ErrorCode;
import io.cairn.core.Names;
import io.cairn.core.NodeId;
import io.cairn.core.model.BucketRecord;
import io.cairn.core.model.ChunkRecord;
import io.cairn.core.model.ChunkRef;
import io.cairn.core.model.Consistency;
import io.cairn.core.model.Copy;
import io.cairn.core.model.KeyDeletion;
import io.cairn.core.model.Listing;
import io.cairn.core.model.ObjectOwnership;
import io.cairn.core.model.ObjectVersion;
import io.cairn.core.model.VersionListing;
import io.cairn.core.model.Versioning;
import io.cairn.meta.MetaCommand;
import io.cairn.meta.MetaCommand.CommitVersion;
import io.cairn.meta.MetaCommand.CreateBucket;
import io.cairn.meta.MetaCommand.DeleteBucket;
import io.cairn.meta.MetaCommand.DeleteKey;
import io.cairn.meta.MetaCommand.DeleteObject;
import io.cairn.meta.MetaCommand.SetMetadata;
import io.cairn.meta.MetaCommand.SetVersioning;
import io.cairn.meta.MetaReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Buckets, keys and their versions: commits, manifests, listings, deletes. Writes are commands decided here (names
 * checked, timestamps fixed) and applied by the state machine; reads come after the read barrier. Thread-safe.
 */
final class Namespace {
    private final MetaReader reader;
    private final MetadataCommands commands;
    private final LiveNodes nodes;
    private final Placement placement;
    private final Clock clock;

    Namespace(MetaReader reader, MetadataCommands commands, LiveNodes nodes, Placement placement, Clock clock) {
        this.reader = reader;
        this.commands = commands;
        this.nodes = nodes;
        this.placement = placement;
        this.clock = clock;
    }

    ObjectVersion commit(CommitRequest request) {
        WrittenChunks.requireHealthy(nodes, request.chunks());
        return commands.submit(new CommitVersion(Names.bucket(request.bucket()), request.key(), request.size(),
                request.chunkSize(), placement.replication(request.replication()), request.contentType(),
                request.metadata(), WrittenChunks.of(request.chunks()), request.ifNoneMatch(), clock.millis(),
                request.requestId(), request.content()), ObjectVersion.class);
    }

    // ---- read path -----------------------------------------------------------------------------------------------

    Manifest manifest(String bucket, String key, Long version) {
        commands.fresh();
        requireBucket(bucket);
        ObjectVersion v = (version == null ? reader.latest(bucket, key) : reader.version(bucket, key, version))
                .orElseThrow(() -> version == null
                        ? CairnException.notFound("no file named '" + key + "'")
                        : new CairnException(ErrorCode.NO_SUCH_VERSION, "file '" + key + "' has no version " + version));
        Map<ChunkId, ChunkRecord> records = reader.chunks(v.chunks().stream().map(ChunkRef::id).distinct().toList());
        Map<NodeId, NodeStatus> live = nodes.all().stream().collect(Collectors.toMap(NodeStatus::id, Function.identity()));
        List<ChunkLocation> locations = new ArrayList<>(v.chunks().size());
        long offset = 0;
        for (ChunkRef chunk : v.chunks()) {
            ChunkRecord record = records.get(chunk.id());
            List<Replica> replicas = new ArrayList<>();
            if (record != null) {
                for (Copy copy : record.copies()) {
                    NodeStatus status = live.get(copy.node());
                    // A copy on a store the node no longer has is not worth a request.
                    if (status != null && status.holds(copy)) {
                        replicas.add(new Replica(copy.node(), status.url(), status.healthy(), status.load(),
                                nodes.down(status)));
                    }
                }
            }
            replicas.sort(Comparator.comparing((Replica r) -> !r.healthy()).thenComparingInt(Replica::load));
            locations.add(new ChunkLocation(chunk.id(), chunk.size(), offset, replicas));
            offset += chunk.size();
        }
        return new Manifest(v, locations);
    }

    FileList list(String bucket, String prefix, String after, int limit) {
        commands.fresh();
        requireBucket(bucket);
        return FileList.of(bucket, reader.list(bucket, prefix, null, after, limit));
    }

    Listing listObjects(String bucket, String prefix, String delimiter, String after, int limit) {
        commands.fresh();
        requireBucket(bucket);
        return reader.list(bucket, prefix, delimiter, after, limit);
    }

    VersionListing listVersions(String bucket, String prefix, String delimiter, String afterKey,
                                       long afterVersion, int limit) {
        commands.fresh();
        requireBucket(bucket);
        return reader.listVersions(bucket, prefix, delimiter, afterKey, afterVersion, limit);
    }

    VersionList versions(String bucket, String key) {
        commands.fresh();
        requireBucket(bucket);
        List<ObjectVersion> versions = reader.versions(bucket, key);
        if (versions.isEmpty()) {
            throw CairnException.notFound("no file named '" + key + "'");
        }
        long latest = versions.getLast().version();
        return new VersionList(key, versions.stream().map(v -> new VersionInfo(v.version(), v.size(),
                Times.iso(v.createdAt()), v.chunks().size(), v.version() == latest, v.entityTag(), v.deleteMarker(),
                v.nullVersion())).toList());
    }

    @SuppressWarnings("unchecked")
    DeleteResult delete(String bucket, String key, Long version) {
        List<Long> deleted = (List<Long>) commands.submit(new DeleteObject(Names.bucket(bucket), key, version),
                List.class);
        return new DeleteResult(key, deleted);
    }

    KeyDeletion deleteKey(String bucket, String key) {
        return commands.submit(new DeleteKey(Names.bucket(bucket), key, clock.millis()), KeyDeletion.class);
    }

    ObjectVersion updateMetadata(String bucket, String key, Map<String, String> metadata) {
        long bytes = metadata.entrySet().stream().mapToLong(e -> e.getKey().length() + e.getValue().length()).sum();
        if (bytes > 8 * 1024) {
            throw CairnException.invalidArgument("user metadata is limited to 8 KiB, got " + bytes + " characters");
        }
        return commands.submit(new SetMetadata(Names.bucket(bucket), key, metadata), ObjectVersion.class);
    }

    BucketInfo createBucket(String name, Versioning versioning, String owner, Acl acl, ObjectOwnership ownership) {
        return info(commands.submit(new CreateBucket(Names.bucket(name), clock.millis(), versioning, owner,
                acl == null ? null : new Acl(null, acl.grants()), ownership), BucketRecord.class));
    }

    BucketInfo setOwnership(String bucket, ObjectOwnership ownership) {
        return info(commands.submit(new MetaCommand.SetOwnership(Names.bucket(bucket), ownership),
                BucketRecord.class));
    }

    BucketInfo setPublicAccessBlock(PublicAccessBlockUpdate update) {
        return info(commands.submit(new MetaCommand.SetPublicAccessBlock(Names.bucket(update.bucket()),
                update.block()), BucketRecord.class));
    }

    Acl setAcl(AclUpdate update) {
        return commands.submit(new MetaCommand.SetAcl(Names.bucket(update.bucket()), update.key(), update.version(),
                update.acl()), Acl.class);
    }

    void setTags(TagUpdate update) {
        commands.submit(new MetaCommand.SetTags(Names.bucket(update.bucket()), update.key(), update.version(),
                update.tags()), Map.class);
    }

    BucketInfo bucket(String name) {
        commands.fresh();
        return info(reader.bucket(name).orElseThrow(() -> new CairnException(ErrorCode.NO_SUCH_BUCKET, "no bucket named '" + name + "'")));
    }

    BucketInfo setConsistency(String bucket, Consistency consistency) {
        return info(commands.submit(new MetaCommand.SetConsistency(Names.bucket(bucket), consistency),
                BucketRecord.class));
    }

    BucketInfo setVersioning(String bucket, Versioning versioning) {
        return info(commands.submit(new SetVersioning(Names.bucket(bucket), versioning), BucketRecord.class));
    }

    private BucketInfo info(BucketRecord record) {
        return new BucketInfo(record.name(), Times.iso(record.createdAt()), record.versioning(),
                record.consistency() == null ? Consistency.STRONG : record.consistency(),
                reader.bucketOwner(record.name()).orElse(null), record.acl(), record.ownership(),
                record.publicAccessBlock(), record.tags());
    }

    void deleteBucket(String name) {
        commands.submit(new DeleteBucket(Names.bucket(name)), BucketRecord.class);
    }

    List<BucketInfo> buckets() {
        commands.fresh();
        return reader.buckets().stream().map(this::info).toList();
    }

    void requireBucket(String bucket) {
        if (reader.bucket(bucket).isEmpty()) {
            throw new CairnException(ErrorCode.NO_SUCH_BUCKET, "no bucket named '" + bucket + "'");
        }
    }
}
