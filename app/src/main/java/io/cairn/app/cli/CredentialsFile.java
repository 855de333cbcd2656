package io.cairn.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ~/.cairn/credentials}: named profiles to sign in with, in the INI form of AWS's credentials file, so that
 * secrets stay out of shell history and {@code ps}:
 * <pre>
 * [default]
 * access_key = AKEXAMPLE
 * secret_key = ...
 * url = https://cairn.example.com:8000    (optional)
 * </pre>
 * Unknown settings are refused rather than skipped: a misspelt {@code secret_key} would otherwise sign in as the
 * development root, which a real cluster refuses with a message that points nowhere near the typo.
 */
final class CredentialsFile {
    static final String DEFAULT_PROFILE = "default";
    private static final List<String> SETTINGS = List.of("access_key", "secret_key", "url");

    /** What a profile says; any part may be absent. */
    record Profile(String accessKey, String secretKey, String url) {
        static final Profile NONE = new Profile(null, null, null);

        @Override
        public String toString() {
            return "Profile[" + accessKey + ", url=" + url + "]";
        }
    }

    private CredentialsFile() {
    }

    /** {@code CAIRN_CREDENTIALS_FILE}, else {@code ~/.cairn/credentials}. */
    static Path path(Map<String, String> env) {
        String override = env.get("CAIRN_CREDENTIALS_FILE");
        return override != null && !override.isEmpty() ? Path.of(override)
                : Path.of(System.getProperty("user.home"), ".cairn", "credentials");
    }

    /**
     * The profile named {@code name}, or the default profile when {@code name} is null. Only a profile asked for by
     * name must exist: without one, a missing file or a file without {@code [default]} just means "no profile".
     * Warnings (a file others can read) go to {@code err}.
     */
    static Profile select(Path file, String name, PrintWriter err) throws IOException {
        String wanted = name != null ? name : DEFAULT_PROFILE;
        if (!Files.exists(file)) {
            if (name != null) {
                throw CliErrors.usage("profile '" + name + "' asked for, but there is no credentials file " + file
                        + " (create it, or point CAIRN_CREDENTIALS_FILE at one)");
            }
            return Profile.NONE;
        }
        warnIfOthersCanRead(file, err);
        Map<String, Map<String, String>> profiles = parse(file);
        Map<String, String> settings = profiles.get(wanted);
        if (settings == null) {
            if (name != null) {
                throw CliErrors.usage("no profile [" + name + "] in " + file
                        + (profiles.isEmpty() ? "" : " (it has: " + String.join(", ", profiles.keySet()) + ")"));
            }
            return Profile.NONE;
        }
        Profile profile = new Profile(settings.get("access_key"), settings.get("secret_key"), settings.get("url"));
        if ((profile.accessKey() == null) != (profile.secretKey() == null)) {
            throw CliErrors.usage("profile [" + wanted + "] in " + file + " needs both access_key and secret_key");
        }
        return profile;
    }

    /** As ssh does for keys, but only a warning: the file is still used, so a fix is one chmod away. */
    private static void warnIfOthersCanRead(Path file, PrintWriter err) throws IOException {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return; // Not a POSIX file system: its own access rules apply.
        }
        if (permissions.contains(PosixFilePermission.GROUP_READ)
                || permissions.contains(PosixFilePermission.OTHERS_READ)) {
            err.println("warning: " + file + " holds secrets but others can read it ("
                    + PosixFilePermissions.toString(permissions) + "); run: chmod 600 " + file);
            err.flush();
        }
    }

    private static Map<String, Map<String, String>> parse(Path file) throws IOException {
        Map<String, Map<String, String>> profiles = new LinkedHashMap<>();
        Map<String, String> current = null;
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            String where = file + " line " + (i + 1);
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = profiles.computeIfAbsent(line.substring(1, line.length() - 1).strip(),
                        n -> new LinkedHashMap<>());
                continue;
            }
            int equals = line.indexOf('=');
            if (equals < 0) {
                throw CliErrors.usage(where + ": expected [PROFILE] or SETTING = VALUE");
            }
            String setting = line.substring(0, equals).strip();
            if (!SETTINGS.contains(setting)) {
                throw CliErrors.usage(where + ": unknown setting '" + setting + "' (known: "
                        + String.join(", ", SETTINGS) + ")");
            }
            if (current == null) {
                throw CliErrors.usage(where + ": " + setting + " comes before any [PROFILE] line");
            }
            String value = line.substring(equals + 1).strip();
            if (!value.isEmpty()) { // "secret_key =" is as good as no line: select() then says what is missing
                current.put(setting, value);
            }
        }
        return profiles;
    }
}
