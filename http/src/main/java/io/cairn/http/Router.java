package io.cairn.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a method and a decoded path to a {@link Route}. Exact paths win over prefixes; among prefixes the longest wins,
 * so registration order never matters. A prefix route sees the rest of the path through {@link Exchange#pathRest()}.
 */
public final class Router {
    private final Map<String, Route> exact = new LinkedHashMap<>();
    private final List<PrefixRoute> prefixes = new ArrayList<>();

    private record PrefixRoute(String method, String prefix, String name, Route route) {
    }

    /** A matched route with the name used in metrics (a template such as {@code GET /files/*}, never a raw path). */
    public record Match(String name, Route route, String rest) {
    }

    public Router exact(String method, String path, Route route) {
        exact.put(method + " " + path, route);
        return this;
    }

    /** Matches every path starting with {@code prefix} (which should end in "/") followed by at least one character. */
    public Router prefix(String method, String prefix, Route route) {
        prefixes.add(new PrefixRoute(method, prefix, method + " " + prefix + "*", route));
        prefixes.sort((a, b) -> b.prefix.length() - a.prefix.length());
        return this;
    }

    public Optional<Match> match(String method, String path) {
        Route route = exact.get(method + " " + path);
        if (route != null) {
            return Optional.of(new Match(method + " " + path, route, ""));
        }
        for (PrefixRoute p : prefixes) {
            if (p.method.equals(method) && path.startsWith(p.prefix) && path.length() > p.prefix.length()) {
                return Optional.of(new Match(p.name, p.route, path.substring(p.prefix.length())));
            }
        }
        return Optional.empty();
    }

    /** Whether some route would take this path with another method (405 rather than 404). */
    public boolean knowsPath(String path) {
        for (String key : exact.keySet()) {
            if (key.substring(key.indexOf(' ') + 1).equals(path)) {
                return true;
            }
        }
        for (PrefixRoute p : prefixes) {
            if (path.startsWith(p.prefix) && path.length() > p.prefix.length()) {
                return true;
            }
        }
        return false;
    }
}
