package io.cairn.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a method and a decoded path to a {@link Route} and who may call it ({@link Access}). Exact paths win over
 * prefixes; among prefixes the longest wins, so registration order never matters. A prefix route sees the rest of the
 * path through {@link Exchange#pathRest()}.
 */
public final class Router {
    private final Map<String, Entry> exact = new LinkedHashMap<>();
    private final List<Entry> prefixes = new ArrayList<>();

    private record Entry(String method, String path, boolean prefix, Access access, Route route) {
        String name() {
            return method + " " + path + (prefix ? "*" : "");
        }
    }

    /** A matched route with the name used in metrics (a template such as {@code GET /files/*}, never a raw path). */
    public record Match(String name, Access access, Route route, String rest) {
    }

    /**
     * A registered route, for tests that walk the table.
     *
     * @param prefix whether {@code path} is a prefix that takes any path starting with it
     */
    public record RouteInfo(String method, String path, boolean prefix, Access access) {
    }

    public Router exact(Access access, String method, String path, Route route) {
        exact.put(method + " " + path, new Entry(method, path, false, access, route));
        return this;
    }

    /** Matches every path starting with {@code prefix} (which should end in "/") followed by at least one character. */
    public Router prefix(Access access, String method, String prefix, Route route) {
        prefixes.add(new Entry(method, prefix, true, access, route));
        prefixes.sort((a, b) -> b.path.length() - a.path.length());
        return this;
    }

    public Optional<Match> match(String method, String path) {
        Entry entry = exact.get(method + " " + path);
        if (entry != null) {
            return Optional.of(new Match(entry.name(), entry.access, entry.route, ""));
        }
        for (Entry p : prefixes) {
            if (p.method.equals(method) && path.startsWith(p.path) && path.length() > p.path.length()) {
                return Optional.of(new Match(p.name(), p.access, p.route, path.substring(p.path.length())));
            }
        }
        return Optional.empty();
    }

    /** Whether some route would take this path with another method (405 rather than 404). */
    public boolean knowsPath(String path) {
        for (Entry e : exact.values()) {
            if (e.path.equals(path)) {
                return true;
            }
        }
        for (Entry p : prefixes) {
            if (path.startsWith(p.path) && path.length() > p.path.length()) {
                return true;
            }
        }
        return false;
    }

    public List<RouteInfo> routes() {
        List<RouteInfo> all = new ArrayList<>();
        for (Entry e : exact.values()) {
            all.add(new RouteInfo(e.method, e.path, false, e.access));
        }
        for (Entry e : prefixes) {
            all.add(new RouteInfo(e.method, e.path, true, e.access));
        }
        return all;
    }
}
