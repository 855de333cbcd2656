package io.cairn.s3.xml;

import io.cairn.s3.S3Error;
import io.cairn.s3.S3Exception;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * A small XML request body (CompleteMultipartUpload, Delete, VersioningConfiguration, CreateBucketConfiguration),
 * parsed with the JDK's DOM parser with DTDs and external entities off (no XXE), after a size check. Elements are
 * matched by local name, so bodies with or without S3's namespace read alike.
 */
public final class XmlBody {
    private final Element root;

    private XmlBody(Element root) {
        this.root = root;
    }

    /** @param limit the most bytes a valid body of this kind can have; a longer one is refused, not read */
    public static XmlBody parse(InputStream body, int limit) throws IOException {
        byte[] bytes = body.readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw new S3Exception(S3Error.MalformedXML, "the XML body is larger than " + limit + " bytes");
        }
        return parse(bytes);
    }

    public static XmlBody parse(byte[] bytes) {
        try {
            Document document = builder().parse(new ByteArrayInputStream(bytes));
            return new XmlBody(document.getDocumentElement());
        } catch (SAXException | IOException e) {
            throw new S3Exception(S3Error.MalformedXML, "The XML you provided was not well-formed or did not "
                    + "validate against our published schema");
        }
    }

    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    public String rootName() {
        return root.getLocalName();
    }

    /** An attribute of the root element by namespace URI and local name, or null. */
    public String attribute(String namespace, String localName) {
        return root.hasAttributeNS(namespace, localName) ? root.getAttributeNS(namespace, localName) : null;
    }

    /** The children of the root with this name, in document order. */
    public List<XmlBody> children(String name) {
        return children(root, name);
    }

    /** The text of the first child with this name exactly as sent (an object key may begin with a space), or null. */
    public String text(String name) {
        List<XmlBody> found = children(name);
        return found.isEmpty() ? null : found.getFirst().root.getTextContent();
    }

    /** {@link #text} without surrounding white space, for enumerated values and numbers. */
    public String trimmed(String name) {
        String text = text(name);
        return text == null ? null : text.strip();
    }

    /** The text of every child with this name, in document order, each without surrounding white space. */
    public List<String> trimmedAll(String name) {
        return children(name).stream().map(child -> child.root.getTextContent().strip()).toList();
    }

    private static List<XmlBody> children(Element parent, String name) {
        List<XmlBody> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                found.add(new XmlBody(e));
            }
        }
        return found;
    }
}
