package io.cairn.s3;

import io.cairn.auth.CannedAcl;
import io.cairn.auth.PolicyException;
import io.cairn.core.model.Acl;
import io.cairn.core.model.Acl.Grant;
import io.cairn.core.model.Acl.Permission;
import io.cairn.s3.xml.XmlBody;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ACL a request asks for, in S3's three ways: a canned ACL ({@code x-amz-acl}), grant headers
 * ({@code x-amz-grant-read: id="alice", uri="http://acs.amazonaws.com/groups/global/AllUsers"}), or, for
 * PutBucketAcl and PutObjectAcl, an {@code AccessControlPolicy} document. Grantees by e-mail address cannot be
 * resolved (Cairn's users have none); a user named in a grant must exist, which the state machine decides.
 */
final class AclRequests {
    private static final int MAX_ACL_BYTES = 64 * 1024;
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    private static final Map<String, Permission> GRANT_HEADERS = Map.of(
            "x-amz-grant-read", Permission.READ,
            "x-amz-grant-write", Permission.WRITE,
            "x-amz-grant-read-acp", Permission.READ_ACP,
            "x-amz-grant-write-acp", Permission.WRITE_ACP,
            "x-amz-grant-full-control", Permission.FULL_CONTROL);
    private static final List<String> GRANT_HEADER_ORDER = List.of("x-amz-grant-full-control", "x-amz-grant-read",
            "x-amz-grant-write", "x-amz-grant-read-acp", "x-amz-grant-write-acp");
    private static final Set<String> GROUPS = Set.of(Acl.ALL_USERS, Acl.AUTHENTICATED_USERS, Acl.LOG_DELIVERY);
    private static final Pattern GRANTEE = Pattern.compile("\\s*([A-Za-z]+)\\s*=\\s*\"([^\"]*)\"\\s*(,|$)");

    private AclRequests() {
    }

    /**
     * The ACL a write's headers ask for, or null when they name none (the default: the owner's full control).
     *
     * @param writer      who will own what is written (the writer; the bucket's owner for a bucket), null for an
     *                    anonymous writer, whose object the bucket's owner owns
     * @param bucketOwner who owns the bucket, asked only when needed (it is a look-up)
     */
    static Acl fromHeaders(S3Call call, String writer, Supplier<String> bucketOwner) {
        String canned = call.header("x-amz-acl");
        List<Grant> granted = grantHeaders(call);
        if (canned != null && !granted.isEmpty()) {
            throw new S3Exception(S3Error.InvalidRequest, "Specifying both Canned ACLs and Header Grants is not"
                    + " allowed");
        }
        if (canned != null) {
            try {
                CannedAcl acl = CannedAcl.parse(canned.strip());
                String owner = writer != null ? writer : bucketOwner.get();
                boolean ofBucketOwner = acl == CannedAcl.BUCKET_OWNER_READ || acl == CannedAcl.BUCKET_OWNER_FULL_CONTROL;
                return new Acl(owner, acl.grants(owner, ofBucketOwner ? bucketOwner.get() : owner));
            } catch (PolicyException e) {
                throw new S3Exception(S3Error.InvalidArgument, e.getMessage());
            }
        }
        return granted.isEmpty() ? null : new Acl(writer != null ? writer : bucketOwner.get(), granted);
    }

    /** Whether a request's headers ask for an ACL at all (x-amz-acl, x-amz-grant-*). */
    static boolean asked(S3Call call) {
        return call.header("x-amz-acl") != null || GRANT_HEADERS.keySet().stream().anyMatch(h -> call.header(h) != null);
    }

    /**
     * Whether the headers ask for no ACL, or for one of these canned ACLs alone: what a bucket with ACLs disabled
     * (S3's Object Ownership BucketOwnerEnforced) accepts.
     */
    static boolean asksNothingBut(S3Call call, Set<CannedAcl> accepted) {
        if (GRANT_HEADERS.keySet().stream().anyMatch(h -> call.header(h) != null)) {
            return false;
        }
        String canned = call.header("x-amz-acl");
        return canned == null || accepted.stream().anyMatch(acl -> acl.wireName().equals(canned.strip()));
    }

    /** PutBucketAcl and PutObjectAcl: the headers' ACL, or else the body's; one of them is required. */
    static Acl fromRequest(S3Call call, String owner, String bucketOwner) throws IOException {
        Acl fromHeaders = fromHeaders(call, owner, () -> bucketOwner);
        XmlBody body = call.xmlBody(MAX_ACL_BYTES);
        if (fromHeaders != null) {
            if (body != null) {
                throw new S3Exception(S3Error.UnexpectedContent, "an ACL is given either in headers or in the"
                        + " body, not both");
            }
            return fromHeaders;
        }
        if (body == null) {
            throw new S3Exception(S3Error.MissingSecurityHeader, "Your request was missing a required header: an"
                    + " ACL in x-amz-acl, x-amz-grant-* or the body");
        }
        return fromDocument(body, owner);
    }

    private static List<Grant> grantHeaders(S3Call call) {
        List<Grant> grants = new ArrayList<>();
        for (String header : GRANT_HEADER_ORDER) {
            String value = call.header(header);
            if (value != null) {
                parseGrantees(value, GRANT_HEADERS.get(header), grants);
            }
        }
        return grants;
    }

    private static void parseGrantees(String value, Permission permission, List<Grant> grants) {
        Matcher matcher = GRANTEE.matcher(value);
        int at = 0;
        while (at < value.length()) {
            if (!matcher.find(at) || matcher.start() != at) {
                throw new S3Exception(S3Error.InvalidArgument, "a grant header lists grantees as"
                        + " type=\"value\" pairs (id, uri or emailAddress), separated by commas: " + value);
            }
            grants.add(grant(matcher.group(1).toLowerCase(Locale.ROOT), matcher.group(2), permission));
            at = matcher.end();
        }
    }

    private static Grant grant(String type, String value, Permission permission) {
        return switch (type) {
            case "id" -> Grant.toUser(value, permission);
            case "uri" -> Grant.toGroup(group(value), permission);
            case "emailaddress" -> throw unresolvableEmail(value);
            default -> throw new S3Exception(S3Error.InvalidArgument, "unknown grantee type '" + type
                    + "': id, uri or emailAddress");
        };
    }

    private static Acl fromDocument(XmlBody document, String owner) {
        if (!"AccessControlPolicy".equals(document.rootName())) {
            throw new S3Exception(S3Error.MalformedACLError, "The XML you provided was not well-formed or did not"
                    + " validate against our published schema");
        }
        List<Grant> grants = new ArrayList<>();
        for (XmlBody list : document.children("AccessControlList")) {
            for (XmlBody grant : list.children("Grant")) {
                grants.add(documentGrant(grant));
            }
        }
        return new Acl(owner, grants);
    }

    private static Grant documentGrant(XmlBody grant) {
        Permission permission;
        try {
            permission = Permission.valueOf(String.valueOf(grant.trimmed("Permission")));
        } catch (IllegalArgumentException e) {
            throw new S3Exception(S3Error.MalformedACLError, "a grant's Permission is one of READ, WRITE, READ_ACP,"
                    + " WRITE_ACP, FULL_CONTROL");
        }
        List<XmlBody> grantees = grant.children("Grantee");
        if (grantees.size() != 1) {
            throw new S3Exception(S3Error.MalformedACLError, "each grant names one Grantee");
        }
        XmlBody grantee = grantees.getFirst();
        String type = grantee.attribute(XSI, "type");
        String id = grantee.trimmed("ID");
        String uri = grantee.trimmed("URI");
        String email = grantee.trimmed("EmailAddress");
        if ("AmazonCustomerByEmail".equals(type) || type == null && email != null) {
            throw unresolvableEmail(email);
        }
        if ("Group".equals(type) || type == null && uri != null) {
            return Grant.toGroup(group(uri), permission);
        }
        if (("CanonicalUser".equals(type) || type == null) && id != null && !id.isEmpty()) {
            return Grant.toUser(id, permission);
        }
        throw new S3Exception(S3Error.MalformedACLError, "a Grantee is a CanonicalUser with an ID or a Group with"
                + " a URI");
    }

    private static String group(String uri) {
        if (uri == null || !GROUPS.contains(uri)) {
            throw new S3Exception(S3Error.InvalidArgument, "Invalid group uri: " + uri);
        }
        return uri;
    }

    private static S3Exception unresolvableEmail(String email) {
        return new S3Exception(S3Error.UnresolvableGrantByEmailAddress, "The e-mail address you provided does not"
                + " match any account on record: " + email);
    }
}
