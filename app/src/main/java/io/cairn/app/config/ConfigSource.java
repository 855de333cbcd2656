package io.cairn.app.config;

import io.cairn.core.Sizes;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Where settings come from, in one precedence order: a command-line flag, then the environment variable named after
 * the setting (e.g. {@code REPLICATION_FACTOR}; README.md's configuration table lists them), then the same name in
 * the optional properties file ({@code --config}),
 * then the built-in default. Every parse error names the setting and its source.
 */
public final class ConfigSource {
    private final Map<String, String> env;
    private final Properties file;
    private final Path filePath;

    private ConfigSource(Map<String, String> env, Properties file, Path filePath) {
        this.env = env;
        this.file = file;
        this.filePath = filePath;
    }

    public static ConfigSource load(Path configFile, Map<String, String> env) {
        Properties props = new Properties();
        if (configFile != null) {
            if (!Files.isRegularFile(configFile)) {
                throw new ConfigException("config file " + configFile + " does not exist");
            }
            try (Reader reader = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
                props.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException("cannot read config file " + configFile + ": " + e.getMessage());
            }
        }
        return new ConfigSource(Map.copyOf(env), props, configFile);
    }

    private record Found(String value, String source) {
    }

    private Found find(String flagValue, String flag, String name) {
        if (flagValue != null) {
            return new Found(flagValue, "flag " + flag);
        }
        String fromEnv = env.get(name);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return new Found(fromEnv, "environment variable " + name);
        }
        String fromFile = file.getProperty(name);
        if (fromFile != null) {
            return new Found(fromFile.trim(), name + " in " + filePath);
        }
        return null;
    }

    public String string(String flagValue, String flag, String name, String defaultValue) {
        Found found = find(flagValue, flag, name);
        return found == null ? defaultValue : found.value;
    }

    public int integer(String flagValue, String flag, String name, int defaultValue, int min, int max) {
        Found found = find(flagValue, flag, name);
        if (found == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(found.value.trim());
            if (value < min || value > max) {
                throw new ConfigException(found.source + " must be between " + min + " and " + max + ", got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(found.source + " must be an integer, got '" + found.value + "'");
        }
    }

    public long bytes(String flagValue, String flag, String name, long defaultValue, long min, long max) {
        Found found = find(flagValue, flag, name);
        if (found == null) {
            return defaultValue;
        }
        long value;
        try {
            value = Sizes.parseBytes(found.value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(found.source + ": " + e.getMessage());
        }
        if (value < min || value > max) {
            throw new ConfigException(found.source + " must be between " + Sizes.human(min) + " and "
                    + Sizes.human(max) + ", got " + found.value);
        }
        return value;
    }

    public boolean bool(String flagValue, String flag, String name, boolean defaultValue) {
        Found found = find(flagValue, flag, name);
        if (found == null) {
            return defaultValue;
        }
        return switch (found.value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new ConfigException(found.source + " must be true or false, got '" + found.value + "'");
        };
    }

    /** A share of something, as a percentage ({@code 5%}) or a fraction ({@code 0.05}). */
    public double fraction(String flagValue, String flag, String name, double defaultValue, double min, double max) {
        Found found = find(flagValue, flag, name);
        if (found == null) {
            return defaultValue;
        }
        String text = found.value.trim();
        double value;
        try {
            value = text.endsWith("%") ? Double.parseDouble(text.substring(0, text.length() - 1).trim()) / 100
                    : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new ConfigException(found.source + " must be a percentage or a fraction (5% or 0.05), got '"
                    + found.value + "'");
        }
        if (!(value >= min && value <= max)) {
            throw new ConfigException(found.source + " must be between " + min * 100 + "% and " + max * 100
                    + "%, got " + found.value);
        }
        return value;
    }

    public Duration duration(String flagValue, String flag, String name, Duration defaultValue, Duration min) {
        Found found = find(flagValue, flag, name);
        if (found == null) {
            return defaultValue;
        }
        Duration value;
        try {
            value = Sizes.parseDuration(found.value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(found.source + ": " + e.getMessage());
        }
        if (value.compareTo(min) < 0) {
            throw new ConfigException(found.source + " must be at least " + min.toMillis() + " ms, got " + found.value);
        }
        return value;
    }
}
