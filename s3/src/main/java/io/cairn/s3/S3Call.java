package io.cairn.s3;

import io.cairn.http.Exchange;
import io.cairn.http.Permissions;
import io.cairn.s3.auth.VerifiedBody;
import io.cairn.s3.router.ParsedRequest;
import io.cairn.s3.router.S3HttpRequest;
import io.cairn.s3.router.S3Operation;
import io.cairn.s3.xml.XmlBody;
import io.cairn.s3.xml.XmlWriter;
import java.io.IOException;
import java.io.OutputStream;

/**
 * One authenticated S3 request being served: what the router parsed, the verified body, and the response. Owned by the
 * request's virtual thread.
 *
 * @param body  the payload as the signature and checksums vouch for it (aws-chunked framing removed); its checks run
 *              as it is read to the end
 * @param forms authenticates a browser form, whose credential is in the body (PostObject)
 */
record S3Call(Exchange exchange, S3HttpRequest http, ParsedRequest parsed, VerifiedBody body,
              Permissions permissions, FormAuthenticator forms) {

    /** Asks whether the caller may do what only the body names (each key of a DeleteObjects). */
    void require(String action, String bucket, String key) {
        permissions.require(exchange, action, bucket, key);
    }

    String bucket() {
        return parsed.bucket();
    }

    String key() {
        return parsed.key();
    }

    S3Operation op() {
        return parsed.op();
    }

    String header(String name) {
        return http.header(name);
    }

    /** The last value of a query parameter, or null. */
    String query(String name) {
        String value = null;
        for (S3HttpRequest.Param param : http.query()) {
            if (param.name().equals(name)) {
                value = param.value();
            }
        }
        return value;
    }

    /** A small XML body, or null if the request has none; read to its end, so its checks have run. */
    XmlBody xmlBody(int limit) throws IOException {
        byte[] bytes = body.readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw new S3Exception(S3Error.MalformedXML, "the XML body is larger than " + limit + " bytes");
        }
        return bytes.length == 0 ? null : XmlBody.parse(bytes);
    }

    void setHeader(String name, String value) {
        if (value != null) {
            exchange.setHeader(name, value);
        }
    }

    void sendXml(int status, XmlWriter xml) throws IOException {
        exchange.send(status, "application/xml", xml.toBytes());
    }

    void sendEmpty(int status) throws IOException {
        exchange.status(status);
        exchange.contentLength(0);
    }

    OutputStream output() {
        return exchange.output();
    }
}
