package io.cairn.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * A policy string: an action, resource or condition value, where {@code *} matches any run of characters (slashes
 * included), {@code ?} any one character, and {@code ${key}} is the value of a condition key of the request
 * ({@code ${*}}, {@code ${?}} and {@code ${$}} are the literal characters). A variable the request has no single value
 * for matches nothing, as in AWS. Matching is a scan with one backtracking point, never a regular expression, so it
 * takes at most pattern length × subject length steps whatever the pattern (no catastrophic backtracking).
 */
final class Wildcard {
    private static final int STAR = -1;
    private static final int ONE = -2;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_:./-]+");

    private sealed interface Part permits Text, Variable {
    }

    /** Policy text; {@code wildcards} false for the escapes, whose {@code *} and {@code ?} are literal. */
    private record Text(String text, boolean wildcards) implements Part {
    }

    private record Variable(String key) implements Part {
    }

    private final List<Part> parts;
    private final boolean ignoreCase;
    /** The compiled pattern when it has no variables, so most patterns are compiled once. */
    private final int[] constant;

    private Wildcard(List<Part> parts, boolean ignoreCase) {
        this.parts = List.copyOf(parts);
        this.ignoreCase = ignoreCase;
        this.constant = parts.stream().anyMatch(Variable.class::isInstance) ? null : compile(null);
    }

    /**
     * @param variables whether {@code ${…}} is a variable (policy version 2012-10-17) or literal text (2008-10-17)
     * @throws IllegalArgumentException naming a malformed variable
     */
    static Wildcard parse(String raw, boolean variables, boolean ignoreCase) {
        List<Part> parts = new ArrayList<>();
        int start = 0;
        int open;
        while (variables && (open = raw.indexOf("${", start)) >= 0) {
            int close = raw.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("unterminated policy variable in '" + raw + "'");
            }
            String name = raw.substring(open + 2, close);
            parts.add(new Text(raw.substring(start, open), true));
            parts.add(switch (name) {
                case "*", "?", "$" -> new Text(name, false);
                default -> {
                    if (!KEY.matcher(name).matches()) {
                        throw new IllegalArgumentException("invalid policy variable '${" + name + "}' in '" + raw
                                + "'");
                    }
                    yield new Variable(name);
                }
            });
            start = close + 1;
        }
        parts.add(new Text(raw.substring(start), true));
        return new Wildcard(parts, ignoreCase);
    }

    /** Whether the subject matches, with the request's values for the variables. */
    boolean matches(String subject, AccessRequest request) {
        int[] pattern = constant != null ? constant : compile(request);
        return pattern != null && match(pattern, codePoints(subject).toArray());
    }

    /** The text with its variables replaced and wildcards taken literally (for the equality operators). */
    Optional<String> resolve(AccessRequest request) {
        StringBuilder text = new StringBuilder();
        for (Part part : parts) {
            switch (part) {
                case Text t -> text.append(t.text());
                case Variable v -> {
                    Optional<String> value = value(v, request);
                    if (value.isEmpty()) {
                        return Optional.empty();
                    }
                    text.append(value.get());
                }
            }
        }
        return Optional.of(text.toString());
    }

    /** The pattern as code points and wildcard tokens; null if a variable has no value. */
    private int[] compile(AccessRequest request) {
        IntStream.Builder tokens = IntStream.builder();
        for (Part part : parts) {
            switch (part) {
                case Text t -> codePoints(t.text()).forEach(c -> tokens.add(!t.wildcards() ? c
                        : c == '*' ? STAR : c == '?' ? ONE : c));
                case Variable v -> {
                    Optional<String> value = value(v, request);
                    if (value.isEmpty()) {
                        return null;
                    }
                    codePoints(value.get()).forEach(tokens::add);
                }
            }
        }
        return tokens.build().toArray();
    }

    private static Optional<String> value(Variable variable, AccessRequest request) {
        List<String> values = request.values(variable.key());
        return values.size() == 1 ? Optional.of(values.getFirst()) : Optional.empty();
    }

    private IntStream codePoints(String text) {
        return (ignoreCase ? text.toLowerCase(Locale.ROOT) : text).codePoints();
    }

    private static boolean match(int[] pattern, int[] subject) {
        int p = 0;
        int s = 0;
        int star = -1;
        int starSubject = 0;
        while (s < subject.length) {
            if (p < pattern.length && (pattern[p] == ONE || pattern[p] == subject[s])) {
                p++;
                s++;
            } else if (p < pattern.length && pattern[p] == STAR) {
                star = p++;
                starSubject = s;
            } else if (star >= 0) {
                p = star + 1;
                s = ++starSubject;
            } else {
                return false;
            }
        }
        while (p < pattern.length && pattern[p] == STAR) {
            p++;
        }
        return p == pattern.length;
    }
}
