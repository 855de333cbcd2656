package io.cairn.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.s3.xml.XmlBody;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TagSetsTest {
    private static XmlBody xml(String text) {
        return XmlBody.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String document(Map<String, String> tags) {
        return "<Tagging xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><TagSet>" + tags.entrySet().stream()
                .map(t -> "<Tag><Key>" + t.getKey() + "</Key><Value>" + t.getValue() + "</Value></Tag>")
                .collect(Collectors.joining()) + "</TagSet></Tagging>";
    }

    private static Map<String, String> numbered(int count) {
        Map<String, String> tags = new LinkedHashMap<>();
        IntStream.range(0, count).forEach(i -> tags.put("k" + i, "v" + i));
        return tags;
    }

    private static void refused(Runnable parse, S3Error error, String messagePart) {
        assertThatThrownBy(parse::run).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.error()).isEqualTo(error);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    @Test
    void theHeaderIsAUrlEncodedQueryStringAndAKeyAloneHasAnEmptyValue() {
        assertThat(TagSets.fromHeader("foo=bar&bar")).containsExactly(Map.entry("foo", "bar"), Map.entry("bar", ""));
        assertThat(TagSets.fromHeader("a%20b=c+d&%C3%A9t%C3%A9=%2F%3A%40&&x=")).containsExactly(
                Map.entry("a b", "c d"), Map.entry("été", "/:@"), Map.entry("x", ""));
        assertThat(TagSets.fromHeader(null)).isEmpty();
        assertThat(TagSets.fromHeader("")).isEmpty();
    }

    @Test
    void aSetWrittenAsAHeaderReadsBackTheSame() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("a b", "c+d/e");
        tags.put("été", "");
        tags.put("k=1", "@:");
        assertThat(TagSets.toHeader(tags)).isEqualTo("a+b=c%2Bd%2Fe&%C3%A9t%C3%A9=&k%3D1=%40%3A");
        assertThat(TagSets.fromHeader(TagSets.toHeader(tags))).isEqualTo(tags);
        assertThat(TagSets.toHeader(Map.of())).isEmpty();
    }

    @Test
    void aMalformedHeaderOrAKeyTwiceIsAnInvalidArgumentAndBadUtf8AnInvalidTag() {
        refused(() -> TagSets.fromHeader("a=1&a=2"), S3Error.InvalidArgument, "x-amz-tagging");
        refused(() -> TagSets.fromHeader("a=%zz"), S3Error.InvalidArgument, "x-amz-tagging");
        refused(() -> TagSets.fromHeader("a=%C3"), S3Error.InvalidTag, "TagValue you have provided is invalid");
    }

    @Test
    void theDocumentIsReadInOrderWithOrWithoutTheNamespace() {
        assertThat(TagSets.fromDocument(xml(document(Map.of("b", "2"))), TagSets.OBJECT_LIMIT))
                .containsExactly(Map.entry("b", "2"));
        assertThat(TagSets.fromDocument(xml("<Tagging><TagSet><Tag><Key>z</Key><Value></Value></Tag>"
                + "<Tag><Key>a b</Key><Value>+-=._:/@</Value></Tag></TagSet></Tagging>"), TagSets.OBJECT_LIMIT))
                .containsExactly(Map.entry("z", ""), Map.entry("a b", "+-=._:/@"));
        assertThat(TagSets.fromDocument(xml("<Tagging><TagSet/></Tagging>"), TagSets.OBJECT_LIMIT)).isEmpty();
    }

    @Test
    void aDocumentOfAnotherShapeIsMalformed() {
        for (String bad : new String[] {"<Tags><TagSet/></Tags>", "<Tagging/>",
                "<Tagging><TagSet/><TagSet/></Tagging>", "<Tagging><TagSet><Tag><Key>k</Key></Tag></TagSet></Tagging>",
                "<Tagging><TagSet><Tag><Value>v</Value></Tag></TagSet></Tagging>"}) {
            refused(() -> TagSets.fromDocument(xml(bad), TagSets.OBJECT_LIMIT), S3Error.MalformedXML, "XML");
        }
        refused(() -> TagSets.fromDocument(null, TagSets.OBJECT_LIMIT), S3Error.MalformedXML, "XML");
    }

    @Test
    void anObjectHasAtMostTenTagsAndABucketFifty() {
        assertThat(TagSets.fromDocument(xml(document(numbered(10))), TagSets.OBJECT_LIMIT)).hasSize(10);
        refused(() -> TagSets.fromDocument(xml(document(numbered(11))), TagSets.OBJECT_LIMIT), S3Error.InvalidTag,
                "cannot be greater than 10");
        refused(() -> TagSets.fromHeader(numbered(11).entrySet().stream().map(Object::toString)
                .collect(Collectors.joining("&"))), S3Error.InvalidTag, "cannot be greater than 10");
        assertThat(TagSets.fromDocument(xml(document(numbered(50))), TagSets.BUCKET_LIMIT)).hasSize(50);
        refused(() -> TagSets.fromDocument(xml(document(numbered(51))), TagSets.BUCKET_LIMIT), S3Error.InvalidTag,
                "cannot be greater than 50");
    }

    @Test
    void keysAndValuesAreCountedInUnicodeCharacters() {
        String key = "é".repeat(127) + "𐐀";
        String value = "𐐀".repeat(256);
        assertThat(TagSets.fromDocument(xml(document(Map.of(key, value))), TagSets.OBJECT_LIMIT))
                .containsEntry(key, value);
        refused(() -> TagSets.fromDocument(xml(document(Map.of("k".repeat(129), "v"))), TagSets.OBJECT_LIMIT),
                S3Error.InvalidTag, "TagKey you have provided is too long");
        refused(() -> TagSets.fromDocument(xml(document(Map.of("k", "v".repeat(257)))), TagSets.OBJECT_LIMIT),
                S3Error.InvalidTag, "TagValue you have provided is too long");
    }

    @Test
    void keysAreUniqueNotEmptyNotReservedAndBothAreOfTheAllowedCharacters() {
        refused(() -> TagSets.fromDocument(xml("<Tagging><TagSet><Tag><Key>k</Key><Value>1</Value></Tag>"
                + "<Tag><Key>k</Key><Value>2</Value></Tag></TagSet></Tagging>"), TagSets.OBJECT_LIMIT),
                S3Error.InvalidTag, "same key");
        refused(() -> TagSets.fromDocument(xml(document(Map.of("", "v"))), TagSets.OBJECT_LIMIT),
                S3Error.InvalidTag, "TagKey you have provided is invalid");
        refused(() -> TagSets.fromHeader("AWS:cloudformation=x"), S3Error.InvalidTag, "System tags");
        refused(() -> TagSets.fromHeader("a%26b=1"), S3Error.InvalidTag, "TagKey you have provided is invalid");
        refused(() -> TagSets.fromHeader("k=a,b"), S3Error.InvalidTag, "TagValue you have provided is invalid");
        refused(() -> TagSets.fromHeader("k=%F0%9F%98%80"), S3Error.InvalidTag, "TagValue you have provided is invalid");
    }

    @Test
    void theDocumentWrittenReadsBackTheSameSet() {
        Map<String, String> tags = new LinkedHashMap<>(Map.of("a", "", "b & c", "<d>"));
        String written = new String(TagSets.document(Map.of("a", "1", "b", "")).toBytes(), StandardCharsets.UTF_8);
        assertThat(written).contains("<Tagging xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><TagSet><Tag>");
        assertThat(TagSets.fromDocument(xml(written), TagSets.OBJECT_LIMIT)).isEqualTo(Map.of("a", "1", "b", ""));
        assertThat(new String(TagSets.document(tags).toBytes(), StandardCharsets.UTF_8)).contains("b &amp; c");
    }
}
