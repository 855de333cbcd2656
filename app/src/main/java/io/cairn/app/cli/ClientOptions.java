package io.cairn.app.cli;

import io.cairn.api.ApiPaths;
import io.cairn.app.config.Security;
import java.io.IOException;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where the cluster is and who we are, plus -h/--help: shared by every client command as a picocli mixin. Help is
 * here rather than picocli's standard help mixin because that one also claims --version, which get, rm and stat use
 * for an object's version.
 *
 * <p>Each setting comes from its flag, else its environment variable, else the profile of the credentials file
 * ({@link CredentialsFile}), else the built-in default. The environment is read here rather than through picocli's
 * {@code ${env:...}} defaults, which would hide whether a value came from the environment or from the default, and a
 * profile's url must lose to the first and win over the second.
 */
public final class ClientOptions {
    static final String DEFAULT_URL = "http://localhost:8000";

    @Option(names = "--url", paramLabel = "URL",
            description = {"Gateway or controller URL, or several comma-separated: the first live one is used (env "
                    + "CAIRN_URL, else the profile's url).", "Default: " + DEFAULT_URL + "."})
    String url;

    @Option(names = "--api-key", paramLabel = "KEY", description = "API key sent as X-API-Key (env API_KEY).")
    String apiKey;

    @Option(names = "--access-key", paramLabel = "KEY",
            description = "Access key to sign in with (env CAIRN_ACCESS_KEY; else the profile's; else the local "
                    + "development root, cairnadmin).")
    String accessKey;

    @Option(names = "--secret-key", paramLabel = "SECRET", description = "Its secret key (env CAIRN_SECRET_KEY).")
    String secretKey;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Sign in with this profile of ~/.cairn/credentials (env CAIRN_PROFILE; the file: env "
                    + "CAIRN_CREDENTIALS_FILE). Default: the [default] profile, if there is one.")
    String profileName;
    @Option(names = "--ca-cert", paramLabel = "FILE",
            description = "PEM certificates to trust for https:// URLs instead of the JVM's: the cluster CA from `cairn admin ca-cert` (env CAIRN_CA_CERT).")
    String caCert;

    @Option(names = {"-b", "--bucket"}, paramLabel = "BUCKET", defaultValue = "default",
            description = "Bucket (default: default).")
    String bucket;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** The command this is mixed into: its stderr gets the credentials file's warnings. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    private final Map<String, String> env;
    /** Read once, when first needed, so that a command warns about the file at most once. */
    private CredentialsFile.Profile profile;

    public ClientOptions() {
        this(System.getenv());
    }

    /** With the environment as a map, as {@link io.cairn.app.config.ConfigSource} takes it: tests pass their own. */
    ClientOptions(Map<String, String> env) {
        this.env = env;
    }

    String url() {
        return firstPresent(url, env.get("CAIRN_URL"), profile().url(), DEFAULT_URL);
    }

    /**
     * The header that proves who we are: an access key and secret when given, else the legacy API key when given,
     * else the profile's access key, else the development root credentials that {@code ./cairn server} accepts on
     * loopback.
     */
    Credential credential() {
        String access = firstPresent(accessKey, env.get("CAIRN_ACCESS_KEY"));
        String secret = firstPresent(secretKey, env.get("CAIRN_SECRET_KEY"));
        if (access != null || secret != null) {
            if (access == null || secret == null) {
                throw new IllegalArgumentException("--access-key and --secret-key go together");
            }
            return Credential.basic(access, secret);
        }
        String key = firstPresent(apiKey, env.get("API_KEY"));
        if (key != null) {
            return new Credential(ApiPaths.API_KEY_HEADER, key);
        }
        CredentialsFile.Profile chosen = profile();
        if (chosen.accessKey() != null) {
            return Credential.basic(chosen.accessKey(), chosen.secretKey());
        }
        return Credential.basic(Security.DEFAULT_ROOT_ACCESS_KEY, Security.DEFAULT_ROOT_SECRET_KEY);
    }

    /** The profile asked for by --profile or CAIRN_PROFILE (which must then exist), else [default] if any. */
    private CredentialsFile.Profile profile() {
        if (profile == null) {
            try {
                profile = CredentialsFile.select(CredentialsFile.path(env),
                        firstPresent(profileName, env.get("CAIRN_PROFILE")), mixee.commandLine().getErr());
            } catch (IOException e) {
                throw CliErrors.local(e);
            }
        }
        return profile;
    }

    /** The first value given; an empty one counts as not given, as an exported but empty variable is meant to. */
    private static String firstPresent(String... values) {
        for (String value : values) {
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return null;
    }

    String bucket() {
        return bucket;
    }

    /** The file of certificates to trust for https://, or null for the JVM's trust store. */
    String caCert() {
        return firstPresent(caCert, env.get("CAIRN_CA_CERT"));
    }
}
