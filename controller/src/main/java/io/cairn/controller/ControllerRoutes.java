package io.cairn.controller;

import io.cairn.api.AclUpdate;
import io.cairn.api.TagUpdate;
import io.cairn.core.model.Acl;
import io.cairn.api.AllocateRequest;
import io.cairn.api.ApiPaths;
import io.cairn.api.BadReplicaReport;
import io.cairn.api.CommitRequest;
import io.cairn.api.CommittedChunk;
import io.cairn.api.CompleteUploadRequest;
import io.cairn.api.CreateUploadRequest;
import io.cairn.api.DeleteRequest;
import io.cairn.api.Heartbeat;
import io.cairn.api.IdentityCall;
import io.cairn.api.IdentityService;
import io.cairn.api.LostChunks;
import io.cairn.api.MetadataUpdate;
import io.cairn.api.PartCommitRequest;
import io.cairn.api.PublicAccessBlockUpdate;
import io.cairn.api.RaftStatus;
import io.cairn.api.RegisterRequest;
import io.cairn.auth.AdminAction;
import io.cairn.core.CairnException;
import io.cairn.core.model.Consistency;
import io.cairn.core.model.ObjectOwnership;
import io.cairn.core.model.Quota;
import io.cairn.core.model.QuotaScope;
import io.cairn.core.model.Versioning;
import io.cairn.http.Access;
import io.cairn.http.Exchange;
import io.cairn.http.Permissions;
import io.cairn.http.Route;
import io.cairn.http.Router;
import io.cairn.raft.ControllerPeer;
import io.cairn.raft.RaftMetaLog;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The controller's internal HTTP API: one endpoint per {@code MetadataService}/{@code NodeRegistry} call, JSON in
 * and out, used by gateways and storage nodes in other processes. Also {@code /status} and {@code /nodes}, so a
 * controller running without a gateway still answers them.
 */
public final class ControllerRoutes {
    /** A commit lists every chunk of its file: about 200 MB of JSON for 5 TiB in 4 MiB chunks. */
    private static final int MAX_COMMIT_BYTES = 256 << 20;

    private ControllerRoutes() {
    }

    /**
     * @param permissions what the routes users call ask before they act (their admin action)
     * @param enroll      where a new process redeems a join token: the one internal route open to anyone
     */
    public static void install(Router router, ControllerService service, IdentityService identities,
                               RaftMetaLog raft, Permissions permissions, Route enroll) {
        router.exact(Access.OPEN, "POST", ApiPaths.ENROLL, enroll);
        router.exact(Access.CLUSTER, "POST", ApiPaths.QUOTAS, ex -> ex.sendJson(200, service.setQuota(
                quotaScope(required(ex, "scope")), required(ex, "name"), ex.readJson(Quota.class))));
        router.exact(Access.CLUSTER, "GET", ApiPaths.QUOTAS, ex -> ex.sendJson(200, service.quotas()));
        router.exact(Access.CLUSTER, "POST", ApiPaths.IDENTITY,
                ex -> ex.sendJson(200, identityCall(identities, ex.readJson(IdentityCall.class))));
        router.exact(Access.CLUSTER, "POST", ApiPaths.REGISTER,
                ex -> ex.sendJson(200, service.register(ex.readJson(RegisterRequest.class))));
        router.exact(Access.CLUSTER, "POST", ApiPaths.HEARTBEAT,
                ex -> ex.sendJson(200, service.heartbeat(ex.readJson(Heartbeat.class))));
        router.exact(Access.CLUSTER, "POST", ApiPaths.ALLOCATE,
                ex -> ex.sendJson(200, service.allocate(ex.readJson(AllocateRequest.class))));
        router.exact(Access.CLUSTER, "POST", ApiPaths.COMMIT,
                ex -> ex.sendJson(200, service.commit(ex.readJson(CommitRequest.class, MAX_COMMIT_BYTES))));
        router.exact(Access.CLUSTER, "GET", ApiPaths.MANIFEST,
                ex -> ex.sendJson(200, service.manifest(required(ex, "bucket"), required(ex, "key"), version(ex))));
        router.exact(Access.CLUSTER, "GET", ApiPaths.LIST, ex -> ex.sendJson(200, service.list(required(ex, "bucket"),
                ex.query("prefix"), ex.query("after"), (int) ex.queryLong("limit", 1000))));
        router.exact(Access.CLUSTER, "GET", ApiPaths.LIST_OBJECTS, ex -> ex.sendJson(200, service.listObjects(required(ex, "bucket"),
                ex.query("prefix"), ex.query("delimiter"), ex.query("after"), (int) ex.queryLong("limit", 1000))));
        router.exact(Access.CLUSTER, "GET", ApiPaths.LIST_VERSIONS, ex -> ex.sendJson(200, service.listVersions(required(ex, "bucket"),
                ex.query("prefix"), ex.query("delimiter"), ex.query("after_key"), ex.queryLong("after_version", 0),
                (int) ex.queryLong("limit", 1000))));
        router.exact(Access.CLUSTER, "POST", ApiPaths.DELETE_KEY, ex -> {
            DeleteRequest request = ex.readJson(DeleteRequest.class);
            ex.sendJson(200, service.deleteKey(request.bucket(), request.key()));
        });
        router.exact(Access.CLUSTER, "POST", ApiPaths.VERSIONING, ex -> ex.sendJson(200,
                service.setVersioning(required(ex, "bucket"), versioning(required(ex, "versioning")))));
        router.exact(Access.CLUSTER, "POST", ApiPaths.UPLOADS,
                ex -> ex.sendJson(200, service.createUpload(ex.readJson(CreateUploadRequest.class))));
        router.exact(Access.CLUSTER, "GET", ApiPaths.UPLOADS, ex -> ex.sendJson(200, service.uploads(required(ex, "bucket"),
                ex.query("prefix"), ex.query("after_key"), ex.query("after_upload"),
                (int) ex.queryLong("limit", 1000))));
        router.exact(Access.CLUSTER, "GET", ApiPaths.UPLOAD, ex -> ex.sendJson(200,
                service.upload(required(ex, "bucket"), required(ex, "key"), required(ex, "upload"))));
        router.exact(Access.CLUSTER, "POST", ApiPaths.PARTS,
                ex -> ex.sendJson(200, service.commitPart(ex.readJson(PartCommitRequest.class))));
        router.exact(Access.CLUSTER, "GET", ApiPaths.PARTS, ex -> ex.sendJson(200, service.parts(required(ex, "bucket"),
                required(ex, "key"), required(ex, "upload"), (int) ex.queryLong("after", 0),
                (int) ex.queryLong("limit", 1000))));
        router.exact(Access.CLUSTER, "POST", ApiPaths.COMPLETE_UPLOAD,
                ex -> ex.sendJson(200, service.completeUpload(ex.readJson(CompleteUploadRequest.class))));
        router.exact(Access.CLUSTER, "POST", ApiPaths.ABORT_UPLOAD, ex -> ex.sendJson(200,
                service.abortUpload(required(ex, "bucket"), required(ex, "key"), required(ex, "upload"))));
        router.exact(Access.CLUSTER, "GET", ApiPaths.VERSIONS,
                ex -> ex.sendJson(200, service.versions(required(ex, "bucket"), required(ex, "key"))));
        router.exact(Access.CLUSTER, "POST", ApiPaths.DELETE, ex -> {
            DeleteRequest request = ex.readJson(DeleteRequest.class);
            ex.sendJson(200, service.delete(request.bucket(), request.key(), request.version()));
        });
        router.exact(Access.CLUSTER, "POST", ApiPaths.METADATA, ex -> {
            MetadataUpdate update = ex.readJson(MetadataUpdate.class);
            ex.sendJson(200, service.updateMetadata(update.bucket(), update.key(), update.metadata()));
        });
        router.exact(Access.CLUSTER, "POST", ApiPaths.ACL, ex -> ex.sendJson(200,
                service.setAcl(ex.readJson(AclUpdate.class))));
        router.exact(Access.CLUSTER, "POST", ApiPaths.TAGS, ex -> {
            service.setTags(ex.readJson(TagUpdate.class));
            ex.sendJson(200, Map.of());
        });
        router.exact(Access.CLUSTER, "GET", ApiPaths.BUCKETS, ex -> ex.sendJson(200,
                ex.query("name") == null ? service.buckets() : service.bucket(ex.query("name"))));
        router.exact(Access.CLUSTER, "POST", ApiPaths.BUCKETS, ex -> {
            if (ex.query("create") != null) {
                ex.sendJson(200, service.createBucket(ex.query("create"), versioning(required(ex, "versioning")),
                        ex.query("owner"), ex.readJson(Acl.class), ownership(ex)));
            } else {
                service.deleteBucket(required(ex, "delete"));
                ex.sendJson(200, Map.of());
            }
        });
        router.exact(Access.CLUSTER, "GET", ApiPaths.STATUS, ex -> ex.sendJson(200, service.status()));
        router.exact(Access.CLUSTER, "GET", ApiPaths.NODES, ex -> ex.sendJson(200, service.nodes()));
        router.exact(Access.CLUSTER, "POST", ApiPaths.BAD_REPLICA, ex -> {
            service.reportBadReplica(ex.readJson(BadReplicaReport.class));
            ex.sendJson(200, Map.of());
        });
        router.exact(Access.CLUSTER, "POST", ApiPaths.NODE_STATE, ex -> {
            String node = required(ex, "node");
            ex.sendJson(200, switch (required(ex, "state")) {
                case "draining" -> service.drainNode(node);
                case "active" -> service.enableNode(node);
                default -> throw CairnException.invalidArgument("a node's state is 'draining' or 'active'");
            });
        });
        router.exact(Access.CLUSTER, "POST", ApiPaths.REMOVE_NODE, ex -> {
            service.removeNode(required(ex, "node"));
            ex.sendJson(200, Map.of());
        });
        router.exact(Access.CLUSTER, "GET", ApiPaths.RECOVERY, ex -> ex.sendJson(200, service.recoveryStatus()));
        router.exact(Access.CLUSTER, "POST", ApiPaths.REBALANCE, ex -> ex.sendJson(200, service.rebalance()));
        router.exact(Access.CLUSTER, "POST", ApiPaths.RECORD_COPIES, ex -> {
            service.recordCopies(ex.readJson(CommittedChunk.class));
            ex.sendJson(200, Map.of());
        });
        router.exact(Access.CLUSTER, "POST", ApiPaths.CONSISTENCY, ex -> ex.sendJson(200, service.setConsistency(
                required(ex, "bucket"), ex.query("consistency") == null ? null
                        : Consistency.parse(ex.query("consistency")))));
        router.exact(Access.CLUSTER, "POST", ApiPaths.OWNERSHIP, ex -> ex.sendJson(200, service.setOwnership(
                required(ex, "bucket"), ownership(ex))));
        router.exact(Access.CLUSTER, "POST", ApiPaths.PUBLIC_ACCESS_BLOCK, ex -> ex.sendJson(200,
                service.setPublicAccessBlock(ex.readJson(PublicAccessBlockUpdate.class))));
        router.exact(Access.CLUSTER, "POST", ApiPaths.REPAIR_FILE, ex -> ex.sendJson(200,
                service.repairFile(required(ex, "bucket"), required(ex, "key"), version(ex))));
        router.exact(Access.CLUSTER, "POST", ApiPaths.LOST_CHUNKS, ex -> {
            service.reportLostChunks(ex.readJson(LostChunks.class));
            ex.sendJson(200, Map.of());
        });
        router.exact(Access.USER, "GET", "/status", admin(permissions, AdminAction.SERVER_INFO,
                ex -> ex.sendJson(200, service.status())));
        router.exact(Access.USER, "GET", "/nodes", admin(permissions, AdminAction.SERVER_INFO,
                ex -> ex.sendJson(200, Map.of("nodes", service.nodes()))));
        installGroupAdmin(router, raft, permissions);
    }

    /** Seed 002's leader endpoints and the controller group's administration. */
    private static void installGroupAdmin(Router router, RaftMetaLog raft, Permissions permissions) {
        router.exact(Access.USER, "GET", "/leader", admin(permissions, AdminAction.SERVER_INFO, ex -> {
            RaftStatus status = raft.status();
            String address = status.peers().stream().filter(RaftStatus.Peer::leader).map(RaftStatus.Peer::address)
                    .findFirst().orElse(null);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("leader", status.leader());
            body.put("leader_address", address);
            body.put("term", status.term());
            body.put("self", status.self());
            body.put("role", status.role());
            ex.sendJson(status.leader() == null ? 503 : 200, body);
        }));
        router.exact(Access.USER, "GET", "/leader/status", admin(permissions, AdminAction.SERVER_INFO,
                ex -> ex.sendJson(200, raft.status())));
        router.exact(Access.USER, "GET", "/admin/controllers", admin(permissions, AdminAction.SERVER_INFO,
                ex -> ex.sendJson(200, Map.of("controllers", raft.members()))));
        router.exact(Access.USER, "POST", "/admin/controllers", admin(permissions, AdminAction.CLUSTER_ADMIN, ex -> {
            ControllerPeer peer = ex.readJson(ControllerPeer.class);
            ex.sendJson(200, Map.of("controllers", raft.addController(peer)));
        }));
        router.prefix(Access.USER, "DELETE", "/admin/controllers/", admin(permissions, AdminAction.CLUSTER_ADMIN,
                ex -> ex.sendJson(200, Map.of("controllers", raft.removeController(ex.pathRest())))));
        router.exact(Access.USER, "POST", "/admin/snapshot", admin(permissions, AdminAction.SNAPSHOT,
                ex -> ex.sendJson(200, Map.of("snapshot_index", raft.takeSnapshot()))));
    }

    private static Route admin(Permissions permissions, AdminAction action, Route route) {
        return ex -> {
            permissions.requireAdmin(ex, action.wireName());
            route.handle(ex);
        };
    }

    /** The answer to one {@link IdentityCall}; calls without one answer an empty object. */
    private static Object identityCall(IdentityService identities, IdentityCall call) {
        return switch (call) {
            case IdentityCall.CreateUser c -> identities.createUser(c.name(), c.policies());
            case IdentityCall.SetUserEnabled c -> identities.setUserEnabled(c.name(), c.enabled());
            case IdentityCall.SetUserPolicies c -> identities.setUserPolicies(c.name(), c.policies());
            case IdentityCall.ChangeUserPolicy c -> identities.changeUserPolicy(c.name(), c.policy(), c.attach());
            case IdentityCall.DeleteUser c -> {
                identities.deleteUser(c.name());
                yield Map.of();
            }
            case IdentityCall.Users c -> identities.users();
            case IdentityCall.CreateAccessKey c -> identities.createAccessKey(c.user(), c.label(), c.access_key(),
                    c.secret_key());
            case IdentityCall.AccessKeys c -> identities.accessKeys(c.user());
            case IdentityCall.SetAccessKeyEnabled c -> identities.setAccessKeyEnabled(c.access_key(), c.enabled());
            case IdentityCall.DeleteAccessKey c -> {
                identities.deleteAccessKey(c.access_key());
                yield Map.of();
            }
            case IdentityCall.PutPolicy c -> identities.putPolicy(c.name(), c.document());
            case IdentityCall.GetPolicy c -> identities.policy(c.name());
            case IdentityCall.Policies c -> identities.policies();
            case IdentityCall.DeletePolicy c -> {
                identities.deletePolicy(c.name());
                yield Map.of();
            }
            case IdentityCall.Identity c -> identities.identity(c.access_key()).<Object>map(k -> k).orElse(Map.of());
            case IdentityCall.GetBucketPolicy c -> document(identities.bucketPolicy(c.bucket()));
            case IdentityCall.SetBucketPolicy c -> {
                identities.setBucketPolicy(c.bucket(), c.document());
                yield Map.of();
            }
            case IdentityCall.DeleteBucketPolicy c -> {
                identities.deleteBucketPolicy(c.bucket());
                yield Map.of();
            }
            case IdentityCall.GetBucketCors c -> document(identities.bucketCors(c.bucket()));
            case IdentityCall.SetBucketCors c -> {
                identities.setBucketCors(c.bucket(), c.document());
                yield Map.of();
            }
            case IdentityCall.CreateJoinToken c -> identities.createJoinToken(c.ttl_seconds(), c.uses());
        };
    }

    /** A document kept beside a bucket, or an empty object for none. */
    private static Object document(Optional<String> document) {
        return document.<Object>map(d -> Map.of("document", d)).orElse(Map.of());
    }

    private static QuotaScope quotaScope(String name) {
        try {
            return QuotaScope.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw CairnException.invalidArgument("a quota's scope is bucket or user, not '" + name + "'");
        }
    }

    private static Versioning versioning(String name) {
        try {
            return Versioning.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw CairnException.invalidArgument("unknown versioning state '" + name + "'");
        }
    }

    /** The optional {@code ownership} parameter: an {@link ObjectOwnership} name, absent for none. */
    private static ObjectOwnership ownership(Exchange ex) {
        String name = ex.query("ownership");
        try {
            return name == null ? null : ObjectOwnership.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw CairnException.invalidArgument("unknown object ownership '" + name + "'");
        }
    }

    private static String required(Exchange ex, String name) {
        String value = ex.query(name);
        if (value == null) {
            throw CairnException.badRequest("query parameter '" + name + "' is required");
        }
        return value;
    }

    private static Long version(Exchange ex) {
        long v = ex.queryLong("version", 0);
        return v == 0 ? null : v;
    }
}
