package io.cairn.s3.router;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The query keywords that select an S3 operation, whatever their value ({@code ?uploads} or {@code ?uploads=}). */
enum Subresource {
    NONE(""),
    ACCELERATE("accelerate"),
    ACL("acl"),
    ANALYTICS("analytics"),
    ATTRIBUTES("attributes"),
    CORS("cors"),
    DELETE("delete"),
    ENCRYPTION("encryption"),
    INTELLIGENT_TIERING("intelligent-tiering"),
    INVENTORY("inventory"),
    LEGAL_HOLD("legal-hold"),
    LIFECYCLE("lifecycle"),
    LOCATION("location"),
    LOGGING("logging"),
    METRICS("metrics"),
    NOTIFICATION("notification"),
    OBJECT_LOCK("object-lock"),
    OWNERSHIP_CONTROLS("ownershipControls"),
    POLICY("policy"),
    POLICY_STATUS("policyStatus"),
    PUBLIC_ACCESS_BLOCK("publicAccessBlock"),
    REPLICATION("replication"),
    REQUEST_PAYMENT("requestPayment"),
    RESTORE("restore"),
    RETENTION("retention"),
    SELECT("select"),
    TAGGING("tagging"),
    TORRENT("torrent"),
    UPLOADS("uploads"),
    VERSIONING("versioning"),
    VERSIONS("versions"),
    WEBSITE("website");

    /**
     * Keywords of S3 operations that have no {@link S3Operation} (directory buckets, metadata tables, ABAC): S3 would
     * serve them, so they are answered NotImplemented instead of being ignored into, say, a ListObjects.
     */
    static final Set<String> UNMODELLED = Set.of("abac", "metadataConfiguration", "metadataInventoryTable",
            "metadataJournalTable", "metadataTable", "renameObject", "session");

    private static final Map<String, Subresource> BY_KEYWORD = Arrays.stream(values())
            .filter(s -> s != NONE)
            .collect(Collectors.toUnmodifiableMap(s -> s.keyword, Function.identity()));

    private final String keyword;

    Subresource(String keyword) {
        this.keyword = keyword;
    }

    /** The subresource a query parameter names, or null for an ordinary parameter. */
    static Subresource named(String name) {
        return BY_KEYWORD.get(name);
    }

    @Override
    public String toString() {
        return "?" + keyword;
    }
}
