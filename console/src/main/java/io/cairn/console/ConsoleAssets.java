package io.cairn.console;

import io.cairn.http.Exchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * The console's static files, read from the jar once at start. They are served under {@code /console/v/HASH/}, where
 * HASH is of all of them together: a browser may keep each for a year, and a new version of any file is a new URL
 * for every file, so relative imports between the scripts need no rewriting. Only the page itself
 * ({@code /console/}, which names the current HASH) is asked for again each time. Text is gzipped once, here.
 */
final class ConsoleAssets {
    static final String ROOT = "cairn-console";
    static final String INDEX = "index.html";
    /** Where the page names the versioned directory. */
    private static final String BASE_MARK = "{{BASE}}";
    /**
     * No inline script or style, nothing from another origin, no framing. {@code blob:} images are previews of files
     * the user picked; {@code connect-src 'self'} keeps the pages' calls on this gateway.
     */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            + "connect-src 'self'; font-src 'self'; manifest-src 'self'; form-action 'self'; base-uri 'none'; "
            + "frame-ancestors 'none'";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "svg", "image/svg+xml", "json", "application/json",
            "png", "image/png", "ico", "image/x-icon", "woff2", "font/woff2", "webmanifest", "application/manifest+json");
    private static final List<String> COMPRESSIBLE = List.of("html", "js", "css", "svg", "json", "webmanifest");

    record Asset(String type, byte[] plain, byte[] gzipped, String etag) {
    }

    private final Map<String, Asset> files;
    private final Asset index;
    private final String version;

    private ConsoleAssets(Map<String, Asset> files, Asset index, String version) {
        this.files = files;
        this.index = index;
        this.version = version;
    }

    /** Reads every file under {@value #ROOT} on the class path (a directory, or the console's jar). */
    static ConsoleAssets load() {
        URL anchor = ConsoleAssets.class.getResource("/" + ROOT + "/" + INDEX);
        if (anchor == null) {
            throw new IllegalStateException("the console's files are missing from the class path (" + ROOT + "/)");
        }
        return load(anchor);
    }

    /**
     * Reads the files beside {@code anchor} ({@value #INDEX}, in a directory or a jar). One caller at a time: a jar's
     * file system is one per JVM, and a caller closing it must not pull it from under another's read (several
     * gateways start at once in one process).
     */
    static synchronized ConsoleAssets load(URL anchor) {
        try {
            URI uri = anchor.toURI();
            if (!uri.getScheme().equals("jar")) {
                return read(Path.of(uri).getParent());
            }
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                return read(jar.provider().getPath(uri).getParent());
            } catch (FileSystemAlreadyExistsException open) {
                return read(FileSystems.getFileSystem(uri).provider().getPath(uri).getParent());
            }
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot read the console's files: " + e, e);
        }
    }

    static ConsoleAssets read(Path root) throws IOException {
        Map<String, byte[]> raw = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                raw.put(root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        byte[] page = raw.remove(INDEX);
        if (page == null) {
            throw new IllegalStateException("the console has no " + INDEX);
        }
        MessageDigest all = sha256();
        Map<String, Asset> files = new TreeMap<>();
        for (Map.Entry<String, byte[]> file : raw.entrySet()) {
            all.update(file.getKey().getBytes(StandardCharsets.UTF_8));
            all.update((byte) 0);
            all.update(file.getValue());
            all.update((byte) 0);
            files.put(file.getKey(), asset(file.getKey(), file.getValue()));
        }
        String version = HexFormat.of().formatHex(all.digest()).substring(0, 16);
        byte[] html = new String(page, StandardCharsets.UTF_8).replace(BASE_MARK, "/console/v/" + version)
                .getBytes(StandardCharsets.UTF_8);
        return new ConsoleAssets(Map.copyOf(files), asset(INDEX, html), version);
    }

    /** The hash the files are served under. */
    String version() {
        return version;
    }

    /** {@code GET /console/}: the page, which browsers must ask for again each time (it names the current files). */
    void servePage(Exchange exchange) throws IOException {
        exchange.setHeader("Cache-Control", "no-cache");
        send(exchange, index);
    }

    /**
     * {@code GET /console/v/HASH/FILE}. Another HASH is a page of another version (the server was upgraded under
     * an open tab): 404, and the page reloads.
     */
    boolean serveFile(Exchange exchange, String rest) throws IOException {
        int slash = rest.indexOf('/');
        Asset asset = slash > 0 && rest.substring(0, slash).equals(version) ? files.get(rest.substring(slash + 1))
                : null;
        if (asset == null) {
            return false;
        }
        exchange.setHeader("Cache-Control", "public, max-age=31536000, immutable");
        send(exchange, asset);
        return true;
    }

    /** The headers every console response carries, errors included. */
    static void secure(Exchange exchange) {
        exchange.setHeader("Content-Security-Policy", CSP);
        exchange.setHeader("X-Content-Type-Options", "nosniff");
        exchange.setHeader("Referrer-Policy", "no-referrer");
        exchange.setHeader("X-Frame-Options", "DENY");
        exchange.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    }

    private static void send(Exchange exchange, Asset asset) throws IOException {
        secure(exchange);
        boolean gzip = asset.gzipped() != null && acceptsGzip(exchange.header("Accept-Encoding"));
        // Each encoding is other bytes, so another tag.
        String etag = gzip ? asset.etag().replaceFirst("\"$", "-gzip\"") : asset.etag();
        exchange.setHeader("ETag", etag);
        exchange.setHeader("Vary", "Accept-Encoding");
        if (etag.equals(exchange.header("If-None-Match"))) {
            exchange.status(304);
            exchange.contentLength(0);
            return;
        }
        if (gzip) {
            exchange.setHeader("Content-Encoding", "gzip");
        }
        exchange.send(200, asset.type(), gzip ? asset.gzipped() : asset.plain());
    }

    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
            String[] parts = coding.strip().split(";");
            if (parts[0].strip().equals("gzip")) {
                return parts.length < 2 || !parts[1].replace(" ", "").matches("q=0(\\.0*)?");
            }
        }
        return false;
    }

    private static Asset asset(String name, byte[] content) {
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        String type = TYPES.get(extension);
        if (type == null) {
            throw new IllegalStateException("the console's " + name + " has a type it does not know how to serve");
        }
        byte[] gzipped = COMPRESSIBLE.contains(extension) ? gzip(content) : null;
        String etag = "\"" + HexFormat.of().formatHex(sha256().digest(content)).substring(0, 32) + "\"";
        return new Asset(type, content, gzipped != null && gzipped.length < content.length ? gzipped : null, etag);
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length / 3 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
