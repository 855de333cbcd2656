package io.cairn.app.cli;

import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/**
 * Where the cluster is and who we are, plus -h/--help: shared by every client command as a picocli mixin. Help is
 * here rather than picocli's standard help mixin because that one also claims --version, which get, rm and stat use
 * for an object's version.
 */
public final class ClientOptions {
    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:CAIRN_URL:-http://localhost:8000}",
            description = {"Gateway or controller URL, or several comma-separated: the first live one is used (env CAIRN_URL).",
                    "Default: http://localhost:8000."})
    String url;

    // Never shown in --help: the default comes from the environment and is a secret.
    @Option(names = "--api-key", paramLabel = "KEY", defaultValue = "${env:API_KEY}", showDefaultValue = Visibility.NEVER,
            description = "API key sent as X-API-Key (env API_KEY).")
    String apiKey;

    @Option(names = {"-b", "--bucket"}, paramLabel = "BUCKET", defaultValue = "default",
            description = "Bucket (default: default).")
    String bucket;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    String url() {
        return url;
    }

    String apiKey() {
        return apiKey == null || apiKey.isEmpty() ? null : apiKey;
    }

    String bucket() {
        return bucket;
    }
}
