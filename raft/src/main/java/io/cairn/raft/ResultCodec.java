package io.cairn.raft;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.Json;
import io.cairn.core.model.Acl;
import io.cairn.core.model.AccessKeyRecord;
import io.cairn.core.model.BucketRecord;
import io.cairn.core.model.ChunkRecord;
import io.cairn.core.model.JoinTokenRecord;
import io.cairn.core.model.KeyDeletion;
import io.cairn.core.model.NodeRecord;
import io.cairn.core.model.ObjectVersion;
import io.cairn.core.model.PartRecord;
import io.cairn.core.model.PolicyRecord;
import io.cairn.core.model.UploadRecord;
import io.cairn.core.model.Usage;
import io.cairn.core.model.UserRecord;
import io.cairn.meta.ApplyResult;
import io.cairn.meta.MetaCommand;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the result of applying a command travels back in a Raft reply: the leader applies, and a controller that
 * forwarded the command (it was a follower) gets the bytes. Decoding needs the command, which fixes the result's type.
 * Replies are not stored anywhere, so this format can change between releases as long as a mixed-version group is not
 * run (see the upgrade notes in the design docs).
 */
final class ResultCodec {
    private ResultCodec() {
    }

    /** The results of one log entry's commands, in order, as a JSON array. */
    static byte[] encode(List<ApplyResult> results) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (ApplyResult result : results) {
            ObjectNode node = array.addObject();
            switch (result) {
                case ApplyResult.Ok ok -> node.set("ok", Json.MAPPER.valueToTree(ok.value()));
                case ApplyResult.Rejected rejected -> {
                    node.put("error", rejected.code().name());
                    node.put("message", rejected.message());
                }
            }
        }
        return Json.toBytes(array);
    }

    /** @param commands the entry's commands, which fix the results' types */
    static List<ApplyResult> decode(List<MetaCommand> commands, byte[] bytes) {
        try {
            JsonNode array = Json.MAPPER.readTree(bytes);
            if (array == null || !array.isArray() || array.size() != commands.size()) {
                throw new IllegalArgumentException("expected " + commands.size() + " results");
            }
            List<ApplyResult> results = new ArrayList<>(commands.size());
            for (int i = 0; i < commands.size(); i++) {
                JsonNode node = array.get(i);
                results.add(node.has("error")
                        ? new ApplyResult.Rejected(ErrorCode.valueOf(node.get("error").asText()),
                                node.path("message").asText())
                        : new ApplyResult.Ok(Json.MAPPER.treeToValue(node.get("ok"), resultType(commands.get(i)))));
            }
            return results;
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new CairnException(ErrorCode.INTERNAL, "unreadable reply from the leader to " + commands.size()
                    + " metadata command(s): " + e.getMessage(), e);
        }
    }

    /** The result type each command documents; the switch makes a new command fail to compile until it is added. */
    private static JavaType resultType(MetaCommand command) {
        return switch (command) {
            case MetaCommand.InitCluster c -> Json.MAPPER.constructType(String.class);
            case MetaCommand.CreateBucket c -> Json.MAPPER.constructType(BucketRecord.class);
            case MetaCommand.SetVersioning c -> Json.MAPPER.constructType(BucketRecord.class);
            case MetaCommand.SetConsistency c -> Json.MAPPER.constructType(BucketRecord.class);
            case MetaCommand.SetOwnership c -> Json.MAPPER.constructType(BucketRecord.class);
            case MetaCommand.SetPublicAccessBlock c -> Json.MAPPER.constructType(BucketRecord.class);
            case MetaCommand.DeleteKey c -> Json.MAPPER.constructType(KeyDeletion.class);
            case MetaCommand.CreateUpload c -> Json.MAPPER.constructType(UploadRecord.class);
            case MetaCommand.CommitPart c -> Json.MAPPER.constructType(PartRecord.class);
            case MetaCommand.CompleteUpload c -> Json.MAPPER.constructType(ObjectVersion.class);
            case MetaCommand.AbortUpload c -> Json.MAPPER.constructType(UploadRecord.class);
            case MetaCommand.DeleteBucket c -> Json.MAPPER.constructType(BucketRecord.class);
            case MetaCommand.RegisterNode c -> Json.MAPPER.constructType(NodeRecord.class);
            case MetaCommand.CommitVersion c -> Json.MAPPER.constructType(ObjectVersion.class);
            case MetaCommand.SetMetadata c -> Json.MAPPER.constructType(ObjectVersion.class);
            case MetaCommand.DropReplica c -> Json.MAPPER.constructType(ChunkRecord.class);
            case MetaCommand.AddCopies c -> Json.MAPPER.constructType(ChunkRecord.class);
            case MetaCommand.RetireCopies c -> Json.MAPPER.constructType(ChunkRecord.class);
            case MetaCommand.ForgetStaleCopies c -> Json.MAPPER.constructType(Integer.class);
            case MetaCommand.CondemnChunks c -> Json.MAPPER.constructType(Integer.class);
            case MetaCommand.CollectChunks c -> Json.MAPPER.constructType(Integer.class);
            case MetaCommand.DoomOrphans c -> Json.MAPPER.constructType(Integer.class);
            case MetaCommand.DeletionsDone c -> Json.MAPPER.constructType(Long.class);
            case MetaCommand.SetNodeState c -> Json.MAPPER.constructType(NodeRecord.class);
            case MetaCommand.RemoveNode c -> Json.MAPPER.constructType(NodeRecord.class);
            case MetaCommand.CreateUser c -> Json.MAPPER.constructType(UserRecord.class);
            case MetaCommand.SetUserEnabled c -> Json.MAPPER.constructType(UserRecord.class);
            case MetaCommand.SetUserPolicies c -> Json.MAPPER.constructType(UserRecord.class);
            case MetaCommand.ChangeUserPolicy c -> Json.MAPPER.constructType(UserRecord.class);
            case MetaCommand.DeleteUser c -> Json.MAPPER.constructType(UserRecord.class);
            case MetaCommand.CreateAccessKey c -> Json.MAPPER.constructType(AccessKeyRecord.class);
            case MetaCommand.SetAccessKeyEnabled c -> Json.MAPPER.constructType(AccessKeyRecord.class);
            case MetaCommand.DeleteAccessKey c -> Json.MAPPER.constructType(AccessKeyRecord.class);
            case MetaCommand.PutPolicy c -> Json.MAPPER.constructType(PolicyRecord.class);
            case MetaCommand.DeletePolicy c -> Json.MAPPER.constructType(PolicyRecord.class);
            case MetaCommand.SetBucketPolicy c -> Json.MAPPER.constructType(String.class);
            case MetaCommand.DeleteBucketPolicy c -> Json.MAPPER.constructType(Boolean.class);
            case MetaCommand.SetBucketCors c -> Json.MAPPER.constructType(Boolean.class);
            case MetaCommand.SetQuota c -> Json.MAPPER.constructType(Usage.class);
            case MetaCommand.SetAcl c -> Json.MAPPER.constructType(Acl.class);
            case MetaCommand.SetTags c ->
                    Json.MAPPER.getTypeFactory().constructMapType(Map.class, String.class, String.class);
            case MetaCommand.CreateJoinToken c -> Json.MAPPER.constructType(JoinTokenRecord.class);
            case MetaCommand.UseJoinToken c -> Json.MAPPER.constructType(JoinTokenRecord.class);
            case MetaCommand.DeleteObject c ->
                    Json.MAPPER.getTypeFactory().constructCollectionType(List.class, Long.class);
        };
    }
}
