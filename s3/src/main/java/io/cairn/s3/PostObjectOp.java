package io.cairn.s3;

import io.cairn.client.ObjectUploader;
import io.cairn.client.TransferMemory;
import io.cairn.client.UploadSpec;
import io.cairn.core.Names;
import io.cairn.core.model.ObjectVersion;
import io.cairn.http.MultipartFileStream;
import io.cairn.s3.auth.Payload;
import io.cairn.s3.auth.PostForm;
import io.cairn.s3.auth.VerifiedBody;
import io.cairn.s3.router.ParsedRequest;
import io.cairn.s3.router.S3HttpRequest;
import io.cairn.s3.router.S3Operation;
import io.cairn.s3.xml.XmlBody;
import io.cairn.s3.xml.XmlWriter;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * POST Object, an upload from a browser form (multipart/form-data): "an alternate form of PUT", whose headers are
 * the form's fields before its file part. Once those are read, the form is authenticated by its own credential
 * ({@link FormAuthenticator}), held to its signed policy ({@link PostPolicy}) and authorized as the PutObject it
 * stands for; then its file streams into the same upload as a PUT's body, never held whole. Fields after the file
 * are ignored, as S3 ignores them. The answer is S3's: 204, or the {@code success_action_status} 200 or 201 (with a
 * PostResponse), or a 303 to {@code success_action_redirect}.
 */
final class PostObjectOp {
    private static final String FORM_TYPE = "multipart/form-data";
    private static final String FILENAME = "${filename}";
    private static final Set<String> REDIRECT_SCHEMES = Set.of("http", "https");

    private final ObjectOps objects;
    private final ObjectUploader uploader;
    private final TransferMemory memory;
    private final S3Settings settings;

    PostObjectOp(ObjectOps objects, ObjectUploader uploader, TransferMemory memory, S3Settings settings) {
        this.objects = objects;
        this.uploader = uploader;
        this.memory = memory;
        this.settings = settings;
    }

    void run(S3Call call) throws IOException {
        String contentType = call.header("content-type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(FORM_TYPE)) {
            throw new S3Exception(S3Error.PreconditionFailed, "Bucket POST must be of the enclosure-type "
                    + FORM_TYPE);
        }
        // The form's parser and the file's upload in one reservation, taken before a byte of the body is read.
        try (TransferMemory.Reservation held = ObjectOps.reserveUpload(memory, uploader, call, settings.chunkSize(),
                -1, MultipartFileStream.MEMORY)) {
            MultipartFileStream form = new MultipartFileStream(call.body(), contentType).begin();
            PostForm fields = PostForm.of(form.fieldsBeforeFile());
            String key = key(fields, form.fileName());
            Optional<FormAuthenticator.SignedForm> signed = call.forms().authenticate(fields);
            signed.ifPresent(signer -> call.exchange().caller(signer.caller()));
            call.exchange().target(call.bucket(), key);
            Map<String, String> expanded = new HashMap<>(fields.fields());
            expanded.put("key", key);
            PostPolicy.LengthRange sizes = signed.map(signer -> signer.policy().check(expanded, call.bucket()))
                    .orElse(PostPolicy.LengthRange.ANY);
            Map<String, List<String>> headers = headers(fields, form.fileContentType());
            S3Call put = asPut(call, key, headers, Payload.formFile(sizes.check(form), fields));
            S3Permissions.require(call.permissions(), call.exchange(), put.parsed(), put.http());
            UploadSpec spec = objects.spec(put, ObjectHeaders.userMetadata(headers));
            uploader.checkPlaceable(spec);
            ObjectVersion version = uploader.upload(spec, put.body(), -1, held).version();
            respond(call, fields, key, version);
        }
    }

    /**
     * The {@code key} field, {@code ${filename}} in it replaced by the file's name without its directories; kept as
     * sent when the file part names no file, as S3 does.
     */
    private static String key(PostForm fields, String fileName) {
        String key = fields.required("key", "key");
        if (fileName != null) {
            String name = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
            key = key.replace(FILENAME, name);
        }
        return Names.storedKey(key);
    }

    /**
     * The form's fields as the headers of a PutObject: {@code acl} and {@code tagging} are its {@code x-amz-acl} and
     * {@code x-amz-tagging} (the field is a Tagging document, the header a query string); without a Content-Type
     * field, the file part's own type. The request's real headers are the form's envelope, not the object's.
     */
    private static Map<String, List<String>> headers(PostForm fields, String fileContentType) {
        Map<String, List<String>> headers = new HashMap<>();
        fields.fields().forEach((name, value) -> headers.put(name, List.of(value)));
        aliased(headers, "acl", "x-amz-acl");
        List<String> tagging = headers.remove("tagging");
        if (tagging != null) {
            headers.put("x-amz-tagging", List.of(TagSets.toHeader(TagSets.fromDocument(
                    XmlBody.parse(tagging.getFirst().getBytes(StandardCharsets.UTF_8)), TagSets.OBJECT_LIMIT))));
        }
        if (!headers.containsKey("content-type") && fileContentType != null) {
            headers.put("content-type", List.of(fileContentType));
        }
        return headers;
    }

    private static void aliased(Map<String, List<String>> headers, String field, String header) {
        List<String> value = headers.remove(field);
        if (value != null) {
            headers.put(header, value);
        }
    }

    private static S3Call asPut(S3Call call, String key, Map<String, List<String>> headers, VerifiedBody file) {
        S3HttpRequest http = new S3HttpRequest(call.http().method(), call.http().host(), call.http().path(),
                call.http().query(), name -> headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()).stream()
                        .findFirst().orElse(null));
        return new S3Call(call.exchange(), http, new ParsedRequest(call.bucket(), key, new S3Operation.PutObject()),
                file, call.permissions(), call.forms());
    }

    private static void respond(S3Call call, PostForm fields, String key, ObjectVersion version) throws IOException {
        ObjectOps.writeStored(call, version);
        String location = location(call, key);
        call.setHeader("Location", location);
        String etag = S3Formats.quoted(version.etag());
        URI redirect = redirect(fields);
        if (redirect != null) {
            call.setHeader("Location", redirect + (redirect.getRawQuery() == null ? "?" : "&")
                    + "bucket=" + formEncoded(call.bucket()) + "&key=" + formEncoded(key)
                    + "&etag=" + formEncoded(etag));
            call.sendEmpty(303);
            return;
        }
        String status = fields.get("success_action_status");
        if ("201".equals(status)) {
            call.sendXml(201, XmlWriter.plain("PostResponse").element("Location", location)
                    .element("Bucket", call.bucket()).element("Key", key).element("ETag", etag));
        } else {
            call.sendEmpty("200".equals(status) ? 200 : 204);
        }
    }

    /** Where to send the browser: an absolute http(s) URL, or none (S3 ignores one it cannot interpret). */
    private static URI redirect(PostForm fields) {
        String target = fields.get("success_action_redirect");
        if (target == null) {
            target = fields.get("redirect");
        }
        if (target == null) {
            return null;
        }
        try {
            URI uri = new URI(target.strip());
            return uri.isAbsolute() && REDIRECT_SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** The object's URL, on the host and in the style (path or virtual host) the form was posted to. */
    private static String location(S3Call call, String key) {
        String path = call.http().path();
        return (call.exchange().isSecure() ? "https://" : "http://") + call.http().host()
                + (path.endsWith("/") ? path : path + "/") + URLEncoder.encode(key, StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    private static String formEncoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
