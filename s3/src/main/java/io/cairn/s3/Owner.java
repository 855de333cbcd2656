package io.cairn.s3;

import io.cairn.s3.xml.XmlWriter;

/**
 * The one owner of every bucket and object: Cairn has one set of root credentials (per-user keys belong with the
 * security work), and S3 clients expect an Owner element in listings and ACLs.
 */
final class Owner {
    static final String ID = "cairn";
    static final String DISPLAY_NAME = "cairn";

    private Owner() {
    }

    static void write(XmlWriter xml) {
        writeAs(xml, "Owner");
    }

    /** The owner under another element name (a multipart upload's Initiator). */
    static void writeAs(XmlWriter xml, String element) {
        xml.start(element).element("ID", ID).element("DisplayName", DISPLAY_NAME).end();
    }
}
