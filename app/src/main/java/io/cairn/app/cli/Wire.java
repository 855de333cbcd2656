package io.cairn.app.cli;

import io.cairn.api.AccessKeyInfo;
import io.cairn.api.NodeView;
import io.cairn.api.PolicyInfo;
import io.cairn.api.UserInfo;
import io.cairn.raft.ControllerPeer;
import java.util.List;
import java.util.Map;

/**
 * Bodies of the public REST API that have no record in {@code io.cairn.api} (the gateway builds them as maps), as
 * design 0001 and the admin API specify them. Unknown fields are ignored ({@code Json.MAPPER}), so the server may add
 * some; absent (null) fields are not sent.
 */
final class Wire {
    private Wire() {
    }

    /** {@code PUT /files/{name}} and {@code POST /upload}: 201. */
    record Upload(String message, String filename, String bucket, long size, long version, int chunks, long chunk_size,
                  int replication_factor, int deduplicated_chunks) {
    }

    /** {@code DELETE /files/{name}}. */
    record Deleted(String message, String filename, List<Long> versions_deleted) {
    }

    /** {@code GET /nodes}. */
    record Nodes(List<NodeView> nodes) {
    }

    /** {@code GET /files/{name}/metadata}. */
    record Metadata(String filename, String bucket, long version, long size, String content_type, String uploaded_at,
                    long chunk_size, int chunks, int replication_factor, Map<String, String> metadata) {
    }

    /** {@code GET /files/{name}/chunks}. */
    record ChunkMap(String filename, long version, List<Chunk> chunks) {
    }

    record Chunk(int index, String id, long size, long offset, List<ChunkReplica> replicas) {
    }

    record ChunkReplica(String node_id, String url, boolean healthy) {
    }

    /** {@code GET|POST /admin/controllers} and {@code DELETE /admin/controllers/{id}}: the group's members. */
    record Controllers(List<ControllerPeer> controllers) {
    }

    /** {@code POST /admin/snapshot}. */
    record Message(String message) {
    }

    record Snapshot(long snapshot_index) {
    }

    /** {@code POST /admin/users}. */
    record NewUser(String name, List<String> policies) {
    }

    /** {@code GET /admin/users}. */
    record Users(List<UserInfo> users) {
    }

    /** {@code PUT /admin/users/{name}/policies}: the user's whole list, replacing the one it had. */
    record PolicyNames(List<String> policies) {
    }

    /** {@code POST /admin/keys}: the server picks the id and the secret that are not given. */
    record NewKey(String user, String label, String access_key, String secret_key) {
        @Override
        public String toString() {
            return "NewKey[" + user + ", " + access_key + "]";
        }
    }

    /** {@code GET /admin/keys}. */
    record AccessKeys(List<AccessKeyInfo> keys) {
    }

    /** {@code GET /admin/policies}. */
    record Policies(List<PolicyInfo> policies) {
    }

    /** {@code DELETE} of a user, an access key or a policy. */
    record Removed(String deleted) {
    }

    /** {@code POST /admin/join-token}: the token's life ("1h") and how many may join with it. */
    record NewJoinToken(String ttl, int uses) {
    }

    /** {@code GET /admin/metrics-token}. */
    record Token(String token) {
        @Override
        public String toString() {
            return "Token[...]";
        }
    }
}
