package io.cairn.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every administrative action of Cairn, the one place their policy names ({@code admin:<Name>}) are defined. Admin
 * actions are cluster-wide: a request for one has no resource (see {@link AccessRequest#admin}), and a statement
 * that names only admin actions needs no Resource (any it has is not matched, as in MinIO).
 */
public enum AdminAction {
    CREATE_USER("CreateUser"),
    DELETE_USER("DeleteUser"),
    LIST_USERS("ListUsers"),
    ENABLE_USER("EnableUser"),
    DISABLE_USER("DisableUser"),
    CREATE_ACCESS_KEY("CreateAccessKey"),
    LIST_ACCESS_KEYS("ListAccessKeys"),
    DELETE_ACCESS_KEY("DeleteAccessKey"),
    ENABLE_ACCESS_KEY("EnableAccessKey"),
    DISABLE_ACCESS_KEY("DisableAccessKey"),
    CREATE_POLICY("CreatePolicy"),
    DELETE_POLICY("DeletePolicy"),
    GET_POLICY("GetPolicy"),
    LIST_POLICIES("ListPolicies"),
    ATTACH_POLICY("AttachPolicy"),
    DETACH_POLICY("DetachPolicy"),
    /** Read-only cluster views: status, nodes, leader, recovery. */
    SERVER_INFO("ServerInfo"),
    /** Drain, enable and remove storage nodes. */
    NODE_ADMIN("NodeAdmin"),
    REBALANCE("Rebalance"),
    REPAIR("Repair"),
    SNAPSHOT("Snapshot"),
    /** Controller membership (add, remove) and join tokens. */
    CLUSTER_ADMIN("ClusterAdmin"),
    SET_QUOTA("SetQuota"),
    /** Change a gateway's rate limits (reading them is {@link #SERVER_INFO}). */
    SET_RATE_LIMITS("SetRateLimits");

    /** The service prefix of every admin action name. */
    static final String PREFIX = "admin:";

    private static final Map<String, AdminAction> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(a -> a.wireName().toLowerCase(Locale.ROOT), Function.identity()));

    private final String wireName;

    AdminAction(String name) {
        this.wireName = PREFIX + name;
    }

    /** The name policies use, e.g. {@code admin:CreateUser}. */
    public String wireName() {
        return wireName;
    }

    /** The action of a policy name, ignoring case as policies do; empty if Cairn has no such admin action. */
    public static Optional<AdminAction> fromWireName(String name) {
        return Optional.ofNullable(BY_NAME.get(name.toLowerCase(Locale.ROOT)));
    }
}
