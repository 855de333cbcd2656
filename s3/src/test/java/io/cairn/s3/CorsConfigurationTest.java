package io.cairn.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.s3.xml.XmlBody;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorsConfigurationTest {
    private static final String RULES = """
            <CORSConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <CORSRule>
                <ID>uploads</ID>
                <AllowedOrigin>https://*.example.com</AllowedOrigin>
                <AllowedMethod>PUT</AllowedMethod>
                <AllowedMethod>POST</AllowedMethod>
                <AllowedHeader>Content-*</AllowedHeader>
                <AllowedHeader>x-amz-date</AllowedHeader>
                <ExposeHeader>ETag</ExposeHeader>
                <MaxAgeSeconds> 3000 </MaxAgeSeconds>
              </CORSRule>
              <CORSRule>
                <AllowedOrigin>*</AllowedOrigin>
                <AllowedMethod>GET</AllowedMethod>
              </CORSRule>
            </CORSConfiguration>""";

    private static CorsConfiguration parse(String xml) {
        return CorsConfiguration.parse(XmlBody.parse(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String rule(String elements) {
        return "<CORSConfiguration><CORSRule>" + elements + "</CORSRule></CORSConfiguration>";
    }

    @Test
    void readsEveryElementOfEveryRuleInOrder() {
        CorsConfiguration configuration = parse(RULES);
        assertThat(configuration.rules()).containsExactly(
                new CorsRule("uploads", List.of("https://*.example.com"), List.of("PUT", "POST"),
                        List.of("Content-*", "x-amz-date"), List.of("ETag"), 3000),
                new CorsRule(null, List.of("*"), List.of("GET"), List.of(), List.of(), null));
    }

    @Test
    void theStoredFormReadsBackAsTheSameConfiguration() {
        CorsConfiguration configuration = parse(RULES);
        String stored = configuration.toXml();
        assertThat(stored).contains("<CORSRule><ID>uploads</ID><AllowedHeader>Content-*</AllowedHeader>"
                + "<AllowedHeader>x-amz-date</AllowedHeader><AllowedMethod>PUT</AllowedMethod>");
        assertThat(CorsConfiguration.parse(stored)).isEqualTo(configuration);
    }

    @Test
    void theFirstRuleAllowingTheRequestDecides() {
        CorsConfiguration configuration = parse(RULES);
        assertThat(configuration.match("https://app.example.com", "PUT", List.of("content-type")))
                .map(CorsRule::id).contains("uploads");
        // The first rule does not allow GET: the second, open to every origin, does.
        assertThat(configuration.match("https://app.example.com", "GET", List.of())).map(CorsRule::anyOrigin)
                .contains(true);
        assertThat(configuration.match("https://app.example.com", "PUT", List.of("x-custom"))).isEmpty();
        assertThat(configuration.match("https://other.org", "PUT", List.of())).isEmpty();
        assertThat(configuration.match("https://other.org", "DELETE", List.of())).isEmpty();
    }

    @Test
    void refusesWhatS3RefusesWithItsErrors() {
        assertRefused("<VersioningConfiguration/>", S3Error.MalformedXML);
        assertRefused("<CORSConfiguration/>", S3Error.MalformedXML);
        assertRefused(rule("<AllowedMethod>GET</AllowedMethod>"), S3Error.MalformedXML);
        assertRefused(rule("<AllowedOrigin>*</AllowedOrigin>"), S3Error.MalformedXML);
        assertRefused(rule("<AllowedOrigin></AllowedOrigin><AllowedMethod>GET</AllowedMethod>"), S3Error.MalformedXML);
        assertRefused(rule("<AllowedOrigin>*</AllowedOrigin><AllowedMethod>PATCH</AllowedMethod>"),
                S3Error.InvalidRequest);
        assertRefused(rule("<AllowedOrigin>*</AllowedOrigin><AllowedMethod>get</AllowedMethod>"),
                S3Error.InvalidRequest);
        assertRefused(rule("<AllowedOrigin>https://*.*.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod>"),
                S3Error.InvalidRequest);
        assertRefused(rule("<AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod>"
                + "<AllowedHeader>x-*-*</AllowedHeader>"), S3Error.InvalidRequest);
        assertRefused(rule("<AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod>"
                + "<ExposeHeader>ETag, x-amz-id</ExposeHeader>"), S3Error.InvalidRequest);
        assertRefused(rule("<AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod>"
                + "<MaxAgeSeconds>-1</MaxAgeSeconds>"), S3Error.MalformedXML);
        assertRefused(rule("<AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod>"
                + "<MaxAgeSeconds>soon</MaxAgeSeconds>"), S3Error.MalformedXML);
        assertRefused(rule("<AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod>"
                + "<ID>" + "i".repeat(256) + "</ID>"), S3Error.InvalidRequest);
        String oneRule = "<CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule>";
        assertThat(parse("<CORSConfiguration>" + oneRule.repeat(100) + "</CORSConfiguration>").rules()).hasSize(100);
        assertRefused("<CORSConfiguration>" + oneRule.repeat(101) + "</CORSConfiguration>", S3Error.InvalidRequest);
    }

    private static void assertRefused(String xml, S3Error error) {
        assertThatThrownBy(() -> parse(xml)).as(xml).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.error()).isEqualTo(error));
    }

    @Test
    void aWildcardStandsForAnyRunOfCharactersOnce() {
        assertThat(CorsRule.matches("*suffix", "foo.suffix")).isTrue();
        assertThat(CorsRule.matches("*suffix", "foo.suffix.get")).isFalse();
        assertThat(CorsRule.matches("start*end", "startend")).isTrue();
        assertThat(CorsRule.matches("start*end", "start12end")).isTrue();
        assertThat(CorsRule.matches("start*end", "0start12end")).isFalse();
        // The prefix and the suffix may not overlap.
        assertThat(CorsRule.matches("ab*ba", "aba")).isFalse();
        assertThat(CorsRule.matches("prefix*", "prefix")).isTrue();
        assertThat(CorsRule.matches("prefix*", "bla.prefix")).isFalse();
        assertThat(CorsRule.matches("*", "")).isTrue();
        assertThat(CorsRule.matches("https://a.example", "https://a.example")).isTrue();
        assertThat(CorsRule.matches("https://a.example", "https://A.example")).isFalse();
    }

    @Test
    void requestHeadersAreComparedWithoutCase() {
        CorsRule rule = new CorsRule(null, List.of("*"), List.of("PUT"), List.of("Content-Type", "X-Amz-*"),
                List.of(), null);
        assertThat(rule.allows("o", "PUT", Cors.requestedHeaders("content-type, X-AMZ-DATE,,x-amz-acl"))).isTrue();
        assertThat(rule.allows("o", "PUT", Cors.requestedHeaders("authorization"))).isFalse();
        assertThat(rule.allows("o", "GET", List.of())).isFalse();
        assertThat(Cors.requestedHeaders(null)).isEmpty();
        assertThat(Cors.requestedHeaders(" A , b ")).containsExactly("a", "b");
    }
}
