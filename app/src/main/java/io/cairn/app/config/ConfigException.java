package io.cairn.app.config;

/** A setting is missing or malformed; the message names the setting and where its value came from. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
