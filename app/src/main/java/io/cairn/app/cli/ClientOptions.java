package io.cairn.app.cli;

import io.cairn.api.ApiPaths;
import io.cairn.app.config.Security;
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

    @Option(names = "--access-key", paramLabel = "KEY", defaultValue = "${env:CAIRN_ACCESS_KEY}",
            description = "Access key to sign in with (env CAIRN_ACCESS_KEY; default: the local development root, cairnadmin).")
    String accessKey;

    @Option(names = "--secret-key", paramLabel = "SECRET", defaultValue = "${env:CAIRN_SECRET_KEY}",
            showDefaultValue = Visibility.NEVER, description = "Its secret key (env CAIRN_SECRET_KEY).")
    String secretKey;

    @Option(names = "--ca-cert", paramLabel = "FILE", defaultValue = "${env:CAIRN_CA_CERT}",
            description = "PEM certificates to trust for https:// URLs instead of the JVM's: the cluster CA from `cairn admin ca-cert` (env CAIRN_CA_CERT).")
    String caCert;

    @Option(names = {"-b", "--bucket"}, paramLabel = "BUCKET", defaultValue = "default",
            description = "Bucket (default: default).")
    String bucket;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    String url() {
        return url;
    }

    /**
     * The header that proves who we are: an access key and secret when given, else the legacy API key when given,
     * else the development root credentials that {@code ./cairn server} accepts on loopback.
     */
    Credential credential() {
        if (present(accessKey) || present(secretKey)) {
            if (!present(accessKey) || !present(secretKey)) {
                throw new IllegalArgumentException("--access-key and --secret-key go together");
            }
            return Credential.basic(accessKey, secretKey);
        }
        if (present(apiKey)) {
            return new Credential(ApiPaths.API_KEY_HEADER, apiKey);
        }
        return Credential.basic(Security.DEFAULT_ROOT_ACCESS_KEY, Security.DEFAULT_ROOT_SECRET_KEY);
    }

    private static boolean present(String value) {
        return value != null && !value.isEmpty();
    }

    String bucket() {
        return bucket;
    }

    /** The file of certificates to trust for https://, or null for the JVM's trust store. */
    String caCert() {
        return present(caCert) ? caCert : null;
    }
}
