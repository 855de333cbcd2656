package io.cairn.s3;

import io.cairn.s3.xml.XmlBody;
import io.cairn.s3.xml.XmlWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A bucket's CORS configuration (PutBucketCors): its rules in the order given, the first one that allows a request
 * deciding. Checked as S3 checks it when set; kept as the XML {@link #toXml} writes, which GetBucketCors answers and
 * {@link #parse} reads back.
 */
public record CorsConfiguration(List<CorsRule> rules) {
    /** S3's limits: a document of at most 64 KB, with at most 100 rules. */
    static final int MAX_BYTES = 64 * 1024;
    static final int MAX_RULES = 100;
    private static final int MAX_ID_LENGTH = 255;
    private static final Set<String> METHODS = Set.of("GET", "PUT", "POST", "DELETE", "HEAD");
    // An ExposeHeader is sent back as given, in a response header: it must be a header name (RFC 9110's token).
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    public CorsConfiguration {
        rules = List.copyOf(rules);
    }

    /** A stored configuration, which was checked when it was set. */
    public static CorsConfiguration parse(String xml) {
        return parse(XmlBody.parse(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * @throws S3Exception MalformedXML for a document that is not a CORSConfiguration of rules each with an origin
     *                     and a method, InvalidRequest for a value S3 refuses (a method it does not know, two
     *                     wildcards in one origin or header, more than 100 rules)
     */
    static CorsConfiguration parse(XmlBody document) {
        if (document == null || !"CORSConfiguration".equals(document.rootName())) {
            throw new S3Exception(S3Error.MalformedXML, "expected a CORSConfiguration");
        }
        List<XmlBody> rules = document.children("CORSRule");
        if (rules.isEmpty()) {
            throw new S3Exception(S3Error.MalformedXML, "a CORSConfiguration needs at least one CORSRule");
        }
        if (rules.size() > MAX_RULES) {
            throw new S3Exception(S3Error.InvalidRequest, "The number of CORS rules should not exceed allowed limit "
                    + "of " + MAX_RULES + " rules.");
        }
        return new CorsConfiguration(rules.stream().map(CorsConfiguration::rule).toList());
    }

    private static CorsRule rule(XmlBody rule) {
        List<String> origins = rule.trimmedAll("AllowedOrigin");
        List<String> methods = rule.trimmedAll("AllowedMethod");
        if (origins.isEmpty() || methods.isEmpty()) {
            throw new S3Exception(S3Error.MalformedXML, "Each CORSRule must identify at least one origin and one "
                    + "method.");
        }
        for (String method : methods) {
            if (!METHODS.contains(method)) {
                throw new S3Exception(S3Error.InvalidRequest, "Found unsupported HTTP method in CORS config. "
                        + "Unsupported method is " + method);
            }
        }
        List<String> headers = rule.trimmedAll("AllowedHeader");
        checkPatterns("AllowedOrigin", origins);
        checkPatterns("AllowedHeader", headers);
        List<String> exposed = rule.trimmedAll("ExposeHeader");
        for (String header : exposed) {
            if (!HEADER_NAME.matcher(header).matches()) {
                throw new S3Exception(S3Error.InvalidRequest, "ExposeHeader \"" + header + "\" is not a header name.");
            }
        }
        return new CorsRule(id(rule.trimmedAll("ID")), origins, methods, headers, exposed,
                maxAge(rule.trimmedAll("MaxAgeSeconds")));
    }

    private static void checkPatterns(String element, List<String> values) {
        for (String value : values) {
            if (value.isEmpty()) {
                throw new S3Exception(S3Error.MalformedXML, element + " must not be empty.");
            }
            if (value.indexOf('*') != value.lastIndexOf('*')) {
                throw new S3Exception(S3Error.InvalidRequest, element + " \"" + value + "\" can not have more than "
                        + "one wildcard.");
            }
        }
    }

    private static String id(List<String> ids) {
        if (ids.size() > 1) {
            throw new S3Exception(S3Error.MalformedXML, "a CORSRule has at most one ID");
        }
        String id = ids.isEmpty() || ids.getFirst().isEmpty() ? null : ids.getFirst();
        if (id != null && id.length() > MAX_ID_LENGTH) {
            throw new S3Exception(S3Error.InvalidRequest, "The ID of a CORSRule is at most " + MAX_ID_LENGTH
                    + " characters long.");
        }
        return id;
    }

    private static Integer maxAge(List<String> values) {
        if (values.size() > 1) {
            throw new S3Exception(S3Error.MalformedXML, "a CORSRule has at most one MaxAgeSeconds");
        }
        if (values.isEmpty()) {
            return null;
        }
        try {
            int seconds = Integer.parseInt(values.getFirst());
            if (seconds >= 0) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // Refused below, as a negative number is.
        }
        throw new S3Exception(S3Error.MalformedXML, "MaxAgeSeconds \"" + values.getFirst() + "\" is not a valid "
                + "value.");
    }

    /** The first rule allowing the request, as S3 takes it; empty if none does. */
    Optional<CorsRule> match(String origin, String method, List<String> requestHeaders) {
        return rules.stream().filter(rule -> rule.allows(origin, method, requestHeaders)).findFirst();
    }

    /** The document GetBucketCors answers, each rule's elements in the order S3 writes them. */
    public String toXml() {
        XmlWriter xml = XmlWriter.document("CORSConfiguration");
        for (CorsRule rule : rules) {
            xml.start("CORSRule").element("ID", rule.id());
            rule.allowedHeaders().forEach(h -> xml.element("AllowedHeader", h));
            rule.allowedMethods().forEach(m -> xml.element("AllowedMethod", m));
            rule.allowedOrigins().forEach(o -> xml.element("AllowedOrigin", o));
            rule.exposeHeaders().forEach(h -> xml.element("ExposeHeader", h));
            xml.element("MaxAgeSeconds", rule.maxAgeSeconds()).end();
        }
        return new String(xml.toBytes(), StandardCharsets.UTF_8);
    }
}
