package io.cairn.auth;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cairn.core.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns a policy document into statements, or into a {@link PolicyException} naming the first problem. */
final class PolicyParser {
    /**
     * Duplicate keys are refused: with two "Effect" elements a reader and Cairn could disagree on what a statement
     * says. Trailing content is refused for the same reason.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final String CURRENT_VERSION = "2012-10-17";
    /** The old version, in which "${…}" is literal text rather than a policy variable (as in AWS). */
    private static final String OLD_VERSION = "2008-10-17";
    private static final Set<String> DOCUMENT_ELEMENTS = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_ELEMENTS = Set.of("Sid", "Effect", "Principal", "NotPrincipal",
            "Action", "NotAction", "Resource", "NotResource", "Condition");
    private static final String S3_ARN = "arn:aws:s3:::";
    private static final String USER_ARN = ":user/";
    /** An account's principal, {@code arn:aws:iam::ACCOUNT:root}. */
    private static final Pattern ACCOUNT_ARN = Pattern.compile("arn:aws:iam::[^:/]*:root");
    private static final Pattern ACTION_NAME = Pattern.compile("[A-Za-z0-9*?]+");

    private PolicyParser() {
    }

    /** @param bucket the bucket of a bucket policy, null for an identity policy */
    static Policy parse(String json, String bucket) {
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > Policy.MAX_BYTES) {
            throw new PolicyException("the policy document is " + bytes + " bytes; the limit is " + Policy.MAX_BYTES
                    + " (20 KiB)");
        }
        JsonNode root = read(json);
        if (!root.isObject()) {
            throw new PolicyException("a policy document must be a JSON object");
        }
        String unknown = unknownElement(root, DOCUMENT_ELEMENTS);
        if (unknown != null) {
            throw new PolicyException("unknown element '" + unknown + "' in the policy document (expected "
                    + names(DOCUMENT_ELEMENTS) + ")");
        }
        JsonNode version = root.get("Version");
        if (version == null) {
            throw new PolicyException("the policy document has no Version; use \"" + CURRENT_VERSION + "\"");
        }
        if (!version.isTextual() || !Set.of(CURRENT_VERSION, OLD_VERSION).contains(version.asText())) {
            throw new PolicyException("unsupported policy Version " + version + "; use \"" + CURRENT_VERSION + "\"");
        }
        boolean variables = version.asText().equals(CURRENT_VERSION);
        JsonNode statementNode = root.get("Statement");
        List<JsonNode> nodes = new ArrayList<>();
        if (statementNode != null && statementNode.isArray()) {
            statementNode.forEach(nodes::add);
        } else if (statementNode != null) {
            nodes.add(statementNode);
        }
        if (nodes.isEmpty()) {
            throw new PolicyException("the policy document has no statements");
        }
        List<Statement> statements = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            try {
                statements.add(statement(nodes.get(i), bucket, variables));
            } catch (IllegalArgumentException e) {
                throw new PolicyException("Statement " + (i + 1) + ": " + e.getMessage());
            }
        }
        return new Policy(json, bucket != null, statements);
    }

    private static JsonNode read(String json) {
        try {
            JsonNode root = MAPPER.readTree(json);
            if (root == null || root.isMissingNode()) {
                throw new PolicyException("the policy document is empty");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new PolicyException("the policy document is not valid JSON: " + Json.parserMessage(e)
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
    }

    /** @throws IllegalArgumentException naming what is wrong (the caller adds which statement) */
    private static Statement statement(JsonNode node, String bucket, boolean variables) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("a statement must be a JSON object");
        }
        String unknown = unknownElement(node, STATEMENT_ELEMENTS);
        if (unknown != null) {
            throw new IllegalArgumentException("unknown element '" + unknown + "' (expected "
                    + names(STATEMENT_ELEMENTS) + ")");
        }
        JsonNode sid = node.get("Sid");
        if (sid != null && !sid.isTextual()) {
            throw new IllegalArgumentException("Sid must be a string");
        }
        JsonNode effect = node.get("Effect");
        if (effect == null) {
            throw new IllegalArgumentException("Effect is missing (Allow or Deny)");
        }
        if (!effect.isTextual() || !Set.of("Allow", "Deny").contains(effect.asText())) {
            throw new IllegalArgumentException("Effect must be \"Allow\" or \"Deny\", got " + effect);
        }
        Element action = oneOf(node, "Action", "NotAction");
        if (action == null) {
            throw new IllegalArgumentException("needs an Action or a NotAction");
        }
        boolean adminOnly = actions(action, bucket != null);
        Statement.Patterns actions = new Statement.Patterns(action.not(),
                action.values().stream().map(a -> Wildcard.parse(a, false, true)).toList());

        Statement.Principals principals = principals(node, bucket);
        Element resource = oneOf(node, "Resource", "NotResource");
        if (resource == null && !adminOnly) {
            throw new IllegalArgumentException("needs a Resource or a NotResource");
        }
        Statement.Patterns resources = null;
        if (resource != null) {
            // Checked even where ignored (admin actions, as MinIO ignores it), so a malformed one is not kept.
            List<Wildcard> patterns = resources(resource, bucket, variables);
            resources = adminOnly ? null : new Statement.Patterns(resource.not(), patterns);
        }
        return new Statement(effect.asText().equals("Allow"), actions, resources, principals,
                conditions(node.get("Condition"), variables));
    }

    /** An element given as X or NotX, with its values. */
    private record Element(String name, boolean not, List<String> values) {
    }

    /** X or NotX (null if neither); both is an error. */
    private static Element oneOf(JsonNode statement, String name, String notName) {
        JsonNode positive = statement.get(name);
        JsonNode negative = statement.get(notName);
        if (positive != null && negative != null) {
            throw new IllegalArgumentException("has both " + name + " and " + notName + "; use one");
        }
        if (positive == null && negative == null) {
            return null;
        }
        String element = positive != null ? name : notName;
        return new Element(element, negative != null, strings(positive != null ? positive : negative, element));
    }

    /** A string or a non-empty array of strings. */
    private static List<String> strings(JsonNode node, String element) {
        List<String> values = new ArrayList<>();
        if (node.isTextual()) {
            values.add(node.asText());
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    throw new IllegalArgumentException(element + " must be a string or an array of strings");
                }
                values.add(item.asText());
            }
        } else {
            throw new IllegalArgumentException(element + " must be a string or an array of strings");
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException(element + " is empty");
        }
        return values;
    }

    /**
     * Checks every action name; returns whether the statement names only admin actions (and so takes no resource).
     * Only s3: and admin: actions exist in Cairn, and admin actions are Cairn's own, so an admin action without a
     * wildcard that Cairn does not have is a typo, refused rather than never matching.
     */
    private static boolean actions(Element action, boolean bucketPolicy) {
        int admin = 0;
        for (String name : action.values()) {
            if (name.equals("*")) {
                continue;
            }
            int colon = name.indexOf(':');
            String service = colon < 0 ? "" : name.substring(0, colon).toLowerCase(Locale.ROOT);
            if (!service.equals("s3") && !service.equals("admin")) {
                throw new IllegalArgumentException("unsupported action '" + name
                        + "' (Cairn has s3: and admin: actions, or \"*\")");
            }
            if (!ACTION_NAME.matcher(name.substring(colon + 1)).matches()) {
                throw new IllegalArgumentException("invalid action '" + name + "'");
            }
            if (service.equals("admin")) {
                if (bucketPolicy) {
                    throw new IllegalArgumentException("a bucket policy cannot grant or deny admin actions ('"
                            + name + "')");
                }
                if (name.indexOf('*') < 0 && name.indexOf('?') < 0 && AdminAction.fromWireName(name).isEmpty()) {
                    throw new IllegalArgumentException("unknown admin action '" + name + "'");
                }
                admin++;
            }
        }
        if (action.not() || admin == 0) {
            return false;
        }
        if (admin < action.values().size()) {
            throw new IllegalArgumentException("Action mixes admin: actions with others; put them in separate"
                    + " statements (admin actions take no Resource)");
        }
        return true;
    }

    /**
     * Whether a bucket policy's resource names the bucket or its objects, or is an S3 ARN pattern that may match them
     * ({@code arn:aws:s3:::*}): the policy is only ever asked about its bucket, so the rest of what a pattern covers
     * means nothing.
     */
    private static boolean mayCoverBucket(String name, String bucket) {
        String arn = S3_ARN + bucket;
        if (name.equals(arn) || name.startsWith(arn + "/")) {
            return true;
        }
        int wildcard = name.replace('?', '*').indexOf('*');
        return wildcard >= S3_ARN.length() && arn.startsWith(name.substring(0, wildcard));
    }

    private static List<Wildcard> resources(Element resource, String bucket, boolean variables) {
        List<Wildcard> patterns = new ArrayList<>();
        for (String name : resource.values()) {
            if (!name.equals("*") && !name.startsWith(S3_ARN)) {
                throw new IllegalArgumentException("unsupported " + resource.name() + " '" + name
                        + "' (expected arn:aws:s3:::bucket, arn:aws:s3:::bucket/key or \"*\")");
            }
            if (bucket != null && !mayCoverBucket(name, bucket)) {
                throw new IllegalArgumentException(resource.name() + " '" + name + "' is outside bucket '" + bucket
                        + "'; a bucket policy names only its bucket (" + S3_ARN + bucket + ") and its objects ("
                        + S3_ARN + bucket + "/…), or patterns that may match them");
            }
            patterns.add(Wildcard.parse(name, variables, false));
        }
        return patterns;
    }

    private static Statement.Principals principals(JsonNode statement, String bucket) {
        JsonNode positive = statement.get("Principal");
        JsonNode negative = statement.get("NotPrincipal");
        if (bucket == null) {
            if (positive != null || negative != null) {
                throw new IllegalArgumentException((positive != null ? "Principal" : "NotPrincipal")
                        + " is only allowed in bucket policies; an identity policy applies to the users it is"
                        + " attached to");
            }
            return null;
        }
        if (positive != null && negative != null) {
            throw new IllegalArgumentException("has both Principal and NotPrincipal; use one");
        }
        if (positive == null && negative == null) {
            throw new IllegalArgumentException("a bucket policy statement needs a Principal or a NotPrincipal");
        }
        String element = positive != null ? "Principal" : "NotPrincipal";
        JsonNode node = positive != null ? positive : negative;
        List<String> names;
        if (node.isTextual() && node.asText().equals("*")) {
            names = List.of("*");
        } else if (node.isObject()) {
            Iterator<String> types = node.fieldNames();
            while (types.hasNext()) {
                String type = types.next();
                if (!type.equals("AWS")) {
                    throw new IllegalArgumentException("unsupported principal type '" + type + "' in " + element
                            + " (Cairn has AWS principals: \"*\", user names, arn:aws:iam::…:user/NAME)");
                }
            }
            if (!node.has("AWS")) {
                throw new IllegalArgumentException(element + " names no principal");
            }
            names = strings(node.get("AWS"), element);
        } else {
            throw new IllegalArgumentException(element + " must be \"*\" or {\"AWS\": …}");
        }
        boolean everyone = false;
        Set<String> users = new HashSet<>();
        for (String name : names) {
            if (name.equals("*")) {
                everyone = true;
            } else if (negative == null && ACCOUNT_ARN.matcher(name).matches()) {
                // The cluster is one account. An account principal leaves it to the account's own policies, which
                // decide for Cairn's users anyway; it names nobody else (root may do anything already).
            } else {
                users.add(userName(name, element));
            }
        }
        return new Statement.Principals(negative != null, everyone, Set.copyOf(users));
    }

    /** A user name, or the name an {@code arn:aws:iam::ACCOUNT:user/[PATH/]NAME} ARN ends in. */
    private static String userName(String principal, String element) {
        String name = principal;
        if (principal.startsWith("arn:")) {
            int user = principal.indexOf(USER_ARN);
            if (!principal.startsWith("arn:aws:iam::") || user < 0) {
                throw new IllegalArgumentException("unsupported " + element + " '" + principal
                        + "' (expected \"*\", a user name or arn:aws:iam::…:user/NAME)");
            }
            name = principal.substring(principal.lastIndexOf('/') + 1);
        }
        if (name.isEmpty() || name.chars().anyMatch(c -> c <= ' ' || c == '*' || c == '?')) {
            throw new IllegalArgumentException("invalid " + element + " '" + principal + "'");
        }
        return name;
    }

    private static List<Condition> conditions(JsonNode node, boolean variables) {
        if (node == null) {
            return List.of();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("Condition must be a JSON object of operators");
        }
        List<Condition> conditions = new ArrayList<>();
        for (Map.Entry<String, JsonNode> operator : node.properties()) {
            if (!operator.getValue().isObject() || operator.getValue().isEmpty()) {
                throw new IllegalArgumentException("condition " + operator.getKey()
                        + " must be a JSON object of condition keys and values");
            }
            for (Map.Entry<String, JsonNode> key : operator.getValue().properties()) {
                conditions.add(Condition.parse(operator.getKey(), key.getKey(),
                        conditionValues(key.getValue(), operator.getKey(), key.getKey()), variables));
            }
        }
        return conditions;
    }

    /** A string, number or boolean, or a non-empty array of them, each as text. */
    private static List<String> conditionValues(JsonNode node, String operator, String key) {
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        if (items.isEmpty() || items.stream().anyMatch(item -> !item.isValueNode() || item.isNull())) {
            throw new IllegalArgumentException("condition " + operator + " on " + key
                    + " needs a string, number or boolean, or an array of them");
        }
        return items.stream().map(JsonNode::asText).toList();
    }

    /** The first element name not in {@code known}, or null. */
    private static String unknownElement(JsonNode node, Set<String> known) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                return name;
            }
        }
        return null;
    }

    private static String names(Set<String> elements) {
        return String.join(", ", elements.stream().sorted().toList());
    }
}
