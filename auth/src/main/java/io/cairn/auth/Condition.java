package io.cairn.auth;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/**
 * One test of a statement's Condition block: an operator applied to one condition key with the policy's values. A
 * request value satisfies a positive operator if it matches any policy value, and a negated one ({@code
 * StringNotEquals}, {@code NotIpAddress}, …) if it matches none. As in AWS: a key the request lacks makes a positive
 * operator false and a negated one true, {@code …IfExists} makes it true, {@code ForAnyValue:} needs one request
 * value to satisfy the operator (so is false without any) and {@code ForAllValues:} every value (so is true without
 * any); without a set prefix a request value matching makes a positive operator true and a negated one false.
 */
record Condition(Operator operator, Quantifier quantifier, boolean ifExists, String key, ValueMatcher matcher) {
    private static final String IF_EXISTS = "IfExists";
    /** Keys whose fixed values make a grant to everyone not public, as AWS's Access Analyzer counts them. */
    private static final Set<String> SOURCE_KEYS = Set.of("aws:sourceip", "aws:sourcevpc", "aws:sourcevpce",
            "aws:sourcearn", "aws:sourceaccount", "aws:sourceowner", "aws:userid", "aws:principalorgid",
            "aws:principalaccount");

    /** Whether this condition lets only fixed sources through (an address range, a network, an account). */
    boolean limitsToFixedSources() {
        return !operator.negated && SOURCE_KEYS.contains(key.toLowerCase(Locale.ROOT));
    }

    /** Whether one request value matches any of the policy's values (before negation). */
    @FunctionalInterface
    interface ValueMatcher {
        boolean anyMatches(String requestValue, AccessRequest request);
    }

    enum Quantifier {
        NONE(""), FOR_ANY_VALUE("ForAnyValue:"), FOR_ALL_VALUES("ForAllValues:");

        private final String prefix;

        Quantifier(String prefix) {
            this.prefix = prefix;
        }
    }

    private enum Family { STRING, STRING_IGNORE_CASE, STRING_LIKE, NUMERIC, DATE, BOOL, IP, NULL }

    enum Operator {
        STRING_EQUALS("StringEquals", Family.STRING, false, null),
        STRING_NOT_EQUALS("StringNotEquals", Family.STRING, true, null),
        STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", Family.STRING_IGNORE_CASE, false, null),
        STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", Family.STRING_IGNORE_CASE, true, null),
        STRING_LIKE("StringLike", Family.STRING_LIKE, false, null),
        STRING_NOT_LIKE("StringNotLike", Family.STRING_LIKE, true, null),
        NUMERIC_EQUALS("NumericEquals", Family.NUMERIC, false, c -> c == 0),
        NUMERIC_NOT_EQUALS("NumericNotEquals", Family.NUMERIC, true, c -> c == 0),
        NUMERIC_LESS_THAN("NumericLessThan", Family.NUMERIC, false, c -> c < 0),
        NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Family.NUMERIC, false, c -> c <= 0),
        NUMERIC_GREATER_THAN("NumericGreaterThan", Family.NUMERIC, false, c -> c > 0),
        NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Family.NUMERIC, false, c -> c >= 0),
        DATE_EQUALS("DateEquals", Family.DATE, false, c -> c == 0),
        DATE_NOT_EQUALS("DateNotEquals", Family.DATE, true, c -> c == 0),
        DATE_LESS_THAN("DateLessThan", Family.DATE, false, c -> c < 0),
        DATE_LESS_THAN_EQUALS("DateLessThanEquals", Family.DATE, false, c -> c <= 0),
        DATE_GREATER_THAN("DateGreaterThan", Family.DATE, false, c -> c > 0),
        DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", Family.DATE, false, c -> c >= 0),
        BOOL("Bool", Family.BOOL, false, null),
        IP_ADDRESS("IpAddress", Family.IP, false, null),
        NOT_IP_ADDRESS("NotIpAddress", Family.IP, true, null),
        NULL("Null", Family.NULL, false, null);

        private static final Map<String, Operator> BY_NAME = Arrays.stream(values())
                .collect(Collectors.toUnmodifiableMap(o -> o.wireName, Function.identity()));

        private final String wireName;
        private final Family family;
        private final boolean negated;
        /** For numbers and dates: whether {@code request.compareTo(policy)} satisfies the operator. */
        private final IntPredicate comparison;

        Operator(String wireName, Family family, boolean negated, IntPredicate comparison) {
            this.wireName = wireName;
            this.family = family;
            this.negated = negated;
            this.comparison = comparison;
        }
    }

    /**
     * A condition from its operator name as written ({@code ForAnyValue:StringLikeIfExists}), key and values.
     *
     * @param variables whether the string operators' values may hold policy variables
     * @throws IllegalArgumentException naming what is wrong
     */
    static Condition parse(String name, String key, List<String> values, boolean variables) {
        String rest = name;
        Quantifier quantifier = Quantifier.NONE;
        for (Quantifier q : List.of(Quantifier.FOR_ANY_VALUE, Quantifier.FOR_ALL_VALUES)) {
            if (rest.startsWith(q.prefix)) {
                quantifier = q;
                rest = rest.substring(q.prefix.length());
                break;
            }
        }
        boolean ifExists = rest.endsWith(IF_EXISTS);
        Operator operator = Operator.BY_NAME.get(ifExists ? rest.substring(0, rest.length() - IF_EXISTS.length())
                : rest);
        if (operator == null) {
            throw new IllegalArgumentException("unknown condition operator " + name);
        }
        if (operator == Operator.NULL && (ifExists || quantifier != Quantifier.NONE)) {
            throw new IllegalArgumentException("condition operator " + name
                    + " is not allowed: Null takes neither IfExists nor ForAnyValue/ForAllValues");
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException(name + " has an empty condition key");
        }
        return new Condition(operator, quantifier, ifExists, key, matcher(operator, key, values, variables));
    }

    private static ValueMatcher matcher(Operator operator, String key, List<String> values, boolean variables) {
        return switch (operator.family) {
            case STRING -> {
                List<Wildcard> expected = wildcards(values, variables);
                yield (value, request) -> expected.stream()
                        .anyMatch(w -> w.resolve(request).filter(value::equals).isPresent());
            }
            case STRING_IGNORE_CASE -> {
                List<Wildcard> expected = wildcards(values, variables);
                yield (value, request) -> expected.stream()
                        .anyMatch(w -> w.resolve(request).filter(value::equalsIgnoreCase).isPresent());
            }
            case STRING_LIKE -> {
                List<Wildcard> expected = wildcards(values, variables);
                yield (value, request) -> expected.stream().anyMatch(w -> w.matches(value, request));
            }
            case NUMERIC -> {
                List<BigDecimal> expected = parseAll(values, Condition::number, operator, key, "a number");
                yield (value, request) -> number(value)
                        .map(n -> expected.stream().anyMatch(e -> operator.comparison.test(n.compareTo(e))))
                        .orElse(false);
            }
            case DATE -> {
                List<Instant> expected = parseAll(values, Condition::date, operator, key,
                        "a date (ISO-8601 or epoch seconds)");
                yield (value, request) -> date(value)
                        .map(d -> expected.stream().anyMatch(e -> operator.comparison.test(d.compareTo(e))))
                        .orElse(false);
            }
            case BOOL, NULL -> {
                // Null asks whether the key is absent: test(request) passes "true" if it is, "false" if not.
                List<Boolean> expected = parseAll(values, Condition::bool, operator, key, "true or false");
                yield (value, request) -> bool(value).map(expected::contains).orElse(false);
            }
            case IP -> {
                List<IpRange> expected = parseAll(values, IpRange::parse, operator, key,
                        "an IPv4 or IPv6 address or CIDR network");
                yield (value, request) -> IpRange.address(value)
                        .map(a -> expected.stream().anyMatch(range -> range.contains(a)))
                        .orElse(false);
            }
        };
    }

    /** Whether the request satisfies this condition. */
    boolean test(AccessRequest request) {
        List<String> values = request.values(key);
        if (operator == Operator.NULL) {
            return matcher.anyMatches(String.valueOf(values.isEmpty()), request);
        }
        if (values.isEmpty() && ifExists) {
            return true;
        }
        // A negated operator without a set prefix holds if no request value matches: every value must satisfy it.
        // For a key the request lacks that makes ForAllValues and negated operators true and the others false.
        boolean every = switch (quantifier) {
            case NONE -> operator.negated;
            case FOR_ANY_VALUE -> false;
            case FOR_ALL_VALUES -> true;
        };
        return every ? values.stream().allMatch(v -> satisfies(v, request))
                : values.stream().anyMatch(v -> satisfies(v, request));
    }

    private boolean satisfies(String value, AccessRequest request) {
        return matcher.anyMatches(value, request) != operator.negated;
    }

    private static List<Wildcard> wildcards(List<String> values, boolean variables) {
        return values.stream().map(v -> Wildcard.parse(v, variables, false)).toList();
    }

    private static <T> List<T> parseAll(List<String> values, Function<String, Optional<T>> parser, Operator operator,
                                        String key, String expected) {
        return values.stream().map(v -> parser.apply(v).orElseThrow(() -> new IllegalArgumentException(
                operator.wireName + " value '" + v + "' for " + key + " is not " + expected))).toList();
    }

    private static Optional<BigDecimal> number(String text) {
        try {
            return Optional.of(new BigDecimal(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** An ISO-8601 instant (with an offset), an ISO-8601 date (midnight UTC) or epoch seconds. */
    private static Optional<Instant> date(String text) {
        String t = text.strip();
        try {
            if (t.matches("-?\\d{1,18}")) {
                return Optional.of(Instant.ofEpochSecond(Long.parseLong(t)));
            }
            if (t.length() == 10) {
                return Optional.of(LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            return Optional.of(Instant.parse(t));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Boolean> bool(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
