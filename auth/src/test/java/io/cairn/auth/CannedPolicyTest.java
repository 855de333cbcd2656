package io.cairn.auth;

import static io.cairn.auth.Decision.ALLOW;
import static io.cairn.auth.Decision.IMPLICIT_DENY;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.core.model.UserRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CannedPolicyTest {
    @ParameterizedTest(name = "{0} {1} {2}: {3}")
    @CsvSource({
            "readonly, s3:GetObject, b/k, ALLOW",
            "readonly, s3:GetBucketLocation, b, ALLOW",
            "readonly, s3:ListBucket, b, IMPLICIT_DENY",
            "readonly, s3:PutObject, b/k, IMPLICIT_DENY",
            "readonly, s3:DeleteObject, b/k, IMPLICIT_DENY",
            "readonly, admin:CreateUser, , IMPLICIT_DENY",
            "writeonly, s3:PutObject, b/k, ALLOW",
            "writeonly, s3:AbortMultipartUpload, b/k, ALLOW",
            "writeonly, s3:ListMultipartUploadParts, b/k, ALLOW",
            "writeonly, s3:GetObject, b/k, IMPLICIT_DENY",
            "writeonly, s3:DeleteObject, b/k, IMPLICIT_DENY",
            "writeonly, s3:ListBucket, b, IMPLICIT_DENY",
            "readwrite, s3:GetObject, b/k, ALLOW",
            "readwrite, s3:PutObject, b/k, ALLOW",
            "readwrite, s3:DeleteObject, b/k, ALLOW",
            "readwrite, s3:ListBucket, b, ALLOW",
            "readwrite, s3:CreateBucket, b, ALLOW",
            "readwrite, s3:ListAllMyBuckets, , ALLOW",
            "readwrite, s3:PutBucketPolicy, b, ALLOW",
            "readwrite, admin:ServerInfo, , IMPLICIT_DENY",
            "readwrite, admin:CreateUser, , IMPLICIT_DENY",
            "admin, s3:DeleteBucket, b, ALLOW",
            "admin, s3:ListAllMyBuckets, , ALLOW",
            "admin, admin:CreateUser, , ALLOW",
            "admin, admin:NodeAdmin, , ALLOW",
            "admin, admin:ClusterAdmin, , ALLOW",
            "own-buckets, s3:CreateBucket, b, ALLOW",
            "own-buckets, s3:ListAllMyBuckets, , ALLOW",
            "own-buckets, s3:ListBucket, b, IMPLICIT_DENY",
            "own-buckets, s3:GetObject, b/k, IMPLICIT_DENY",
            "own-buckets, admin:CreateUser, , IMPLICIT_DENY",
            "diagnostics, admin:ServerInfo, , ALLOW",
            "diagnostics, admin:NodeAdmin, , IMPLICIT_DENY",
            "diagnostics, s3:GetObject, b/k, IMPLICIT_DENY",
    })
    void grants(String name, String action, String path, Decision expected) {
        String resource = action.startsWith("admin:") ? "" : "arn:aws:s3:::" + (path == null ? "" : path);
        AccessRequest request = new AccessRequest(Principal.user("alice"), action, resource, Map.of());
        assertThat(PolicyEngine.decide(request, List.of(CannedPolicy.named(name).orElseThrow()), Optional.empty()))
                .isEqualTo(expected);
    }

    @Test
    void everyAdminActionIsGrantedByAdminOnly() {
        for (AdminAction action : AdminAction.values()) {
            AccessRequest request = AccessRequest.admin(Principal.user("alice"), action, Map.of());
            assertThat(PolicyEngine.decide(request, List.of(CannedPolicy.named("admin").orElseThrow()),
                    Optional.empty())).as(action.wireName()).isEqualTo(ALLOW);
            assertThat(PolicyEngine.decide(request, List.of(CannedPolicy.named("readwrite").orElseThrow()),
                    Optional.empty())).as(action.wireName()).isEqualTo(IMPLICIT_DENY);
        }
    }

    @Test
    void namesThem() {
        assertThat(CannedPolicy.names()).containsExactlyInAnyOrder("readwrite", "readonly", "writeonly", "admin",
                "diagnostics", "own-buckets");
        assertThat(CannedPolicy.names()).as("the names the state machine reserves")
                .containsExactlyInAnyOrderElementsOf(UserRecord.CANNED_POLICIES);
        assertThat(CannedPolicy.named("ReadOnly")).isEmpty();
        assertThat(CannedPolicy.named("readonly").orElseThrow().json()).contains("s3:GetBucketLocation");
        assertThat(CannedPolicy.names()).allSatisfy(name -> assertThat(Policy.parse(
                CannedPolicy.named(name).orElseThrow().json()).isBucketPolicy()).isFalse());
    }

    @Test
    void adminActionsHaveTheirWireNames() {
        assertThat(AdminAction.CREATE_USER.wireName()).isEqualTo("admin:CreateUser");
        assertThat(AdminAction.SET_QUOTA.wireName()).isEqualTo("admin:SetQuota");
        assertThat(AdminAction.fromWireName("ADMIN:serverinfo")).contains(AdminAction.SERVER_INFO);
        assertThat(AdminAction.fromWireName("admin:DrainNode")).isEmpty();
    }
}
