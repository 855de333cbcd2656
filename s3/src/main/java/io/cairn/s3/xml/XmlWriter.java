package io.cairn.s3.xml;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Builds one S3 XML document with the JDK's StAX writer, which escapes text and attribute values. Response bodies are
 * one page at most (1,000 entries), so the document is built in memory. Not thread-safe; one per response.
 */
public final class XmlWriter {
    public static final String S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    private final XMLStreamWriter xml;
    private int depth;

    private XmlWriter(String root, String namespace) {
        try {
            xml = FACTORY.createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement(root);
            if (namespace != null) {
                xml.writeDefaultNamespace(namespace);
            }
            depth = 1;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A document whose root element is in S3's namespace, as every S3 result is. */
    public static XmlWriter document(String root) {
        return new XmlWriter(root, S3_NAMESPACE);
    }

    /** A document without a namespace: S3's error bodies have none. */
    public static XmlWriter plain(String root) {
        return new XmlWriter(root, null);
    }

    public XmlWriter start(String element) {
        try {
            xml.writeStartElement(element);
            depth++;
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    public XmlWriter end() {
        try {
            xml.writeEndElement();
            depth--;
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code <element>value</element>}; nothing at all when value is null. */
    public XmlWriter element(String element, Object value) {
        if (value == null) {
            return this;
        }
        try {
            xml.writeStartElement(element);
            xml.writeCharacters(value.toString());
            xml.writeEndElement();
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An attribute of the element just started. */
    public XmlWriter attribute(String name, String value) {
        try {
            xml.writeAttribute(name, value);
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Text directly inside the current element; nothing when null. */
    public XmlWriter text(String value) {
        if (value == null) {
            return this;
        }
        try {
            xml.writeCharacters(value);
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] toBytes() {
        try {
            while (depth > 0) {
                xml.writeEndElement();
                depth--;
            }
            xml.writeEndDocument();
            xml.close();
            return out.toByteArray();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return out.toString(StandardCharsets.UTF_8);
    }
}
