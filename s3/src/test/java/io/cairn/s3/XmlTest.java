package io.cairn.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.s3.xml.XmlBody;
import io.cairn.s3.xml.XmlWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class XmlTest {
    @Test
    void writesEscapedTextInS3sNamespace() {
        String xml = new String(XmlWriter.document("ListBucketResult").element("Key", "a<b&\"c\"").element("Skip", null)
                .start("Contents").element("Size", 3).end().toBytes(), StandardCharsets.UTF_8);
        assertThat(xml).contains("<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">")
                .contains("<Key>a&lt;b&amp;\"c\"</Key>").doesNotContain("Skip").contains("<Contents><Size>3</Size>"
                        + "</Contents></ListBucketResult>");
    }

    @Test
    void readsKeysExactlyWithOrWithoutTheNamespace() {
        XmlBody body = XmlBody.parse(("<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Quiet> true </Quiet>"
                + "<Object><Key> spaced key </Key></Object><Object><Key>b</Key><VersionId>3</VersionId></Object>"
                + "</Delete>").getBytes(StandardCharsets.UTF_8));
        assertThat(body.rootName()).isEqualTo("Delete");
        assertThat(body.trimmed("Quiet")).isEqualTo("true");
        assertThat(body.children("Object")).extracting(o -> o.text("Key")).containsExactly(" spaced key ", "b");
        assertThat(XmlBody.parse("<Delete><Object><Key>k</Key></Object></Delete>".getBytes(StandardCharsets.UTF_8))
                .children("Object")).hasSize(1);
    }

    @Test
    void refusesDoctypesSoNoEntityIsEverExpanded() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Delete><Object><Key>&x;</Key></Object></Delete>";
        assertThatThrownBy(() -> XmlBody.parse(xxe.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.error()).isEqualTo(S3Error.MalformedXML));
        assertThatThrownBy(() -> XmlBody.parse("<Delete>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(S3Exception.class);
    }
}
