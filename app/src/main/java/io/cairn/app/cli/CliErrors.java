package io.cairn.app.cli;

import io.cairn.core.Names;

import io.cairn.api.ErrorBody;
import io.cairn.core.CairnException;
import io.cairn.core.Json;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLHandshakeException;

/**
 * The one place that decides what a failure looks like to a CLI user: the exit code and the "error: ..." line on
 * stderr. Scripts rely on the codes, so they are part of the CLI's interface:
 * 0 ok, 1 usage or local error, 2 the server refused the request (4xx), 3 not found (404),
 * 4 the server failed (5xx) or could not be reached.
 */
final class CliErrors {
    static final int OK = 0;
    static final int LOCAL = 1;
    static final int REFUSED = 2;
    static final int NOT_FOUND = 3;
    static final int SERVER = 4;

    private CliErrors() {
    }

    /** Runs a command body, turning every failure into its message on {@code err} and its exit code. */
    static int run(PrintWriter err, Callable<Integer> body) {
        try {
            return body.call();
        } catch (CliException e) {
            return report(err, e);
        } catch (CairnException e) {
            // Thrown by local validation (Names, Sizes through core): the request never left this machine.
            return report(err, new CliException(LOCAL, e.code() + ": " + e.getMessage(), e));
        } catch (IllegalArgumentException e) {
            return report(err, new CliException(LOCAL, e.getMessage(), e));
        } catch (IOException e) {
            return report(err, local(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return report(err, new CliException(LOCAL, "interrupted", e));
        } catch (Exception e) {
            return report(err, new CliException(LOCAL, e.toString(), e));
        }
    }

    private static int report(PrintWriter err, CliException e) {
        err.println("error: " + e.getMessage());
        err.flush();
        return e.exitCode();
    }

    /** The exit code for a non-2xx HTTP status. */
    static int exitCode(int httpStatus) {
        if (httpStatus == 404) {
            return NOT_FOUND;
        }
        if (httpStatus >= 400 && httpStatus < 500) {
            return REFUSED;
        }
        return SERVER; // 5xx, and anything else a gateway should never answer (1xx, 3xx: redirects are not followed).
    }

    /** An error answer of the server; {@code body} is its (possibly truncated) body, normally {@link ErrorBody}. */
    static CliException fromResponse(int httpStatus, byte[] body) {
        ErrorBody error = parse(body);
        String message;
        if (error != null) {
            message = error.error() + ": " + (error.message() == null ? "" : error.message());
            if (httpStatus == 401) {
                message += " (sign in with --access-key and --secret-key, a --profile of ~/.cairn/credentials, or"
                        + " --api-key)";
            }
        } else {
            String text = new String(body, StandardCharsets.UTF_8).strip();
            message = "HTTP " + httpStatus + (text.isEmpty() ? "" : ": " + abbreviate(text, 200));
        }
        return new CliException(exitCode(httpStatus), message, null);
    }

    private static ErrorBody parse(byte[] body) {
        try {
            ErrorBody error = Json.MAPPER.readValue(body, ErrorBody.class);
            return error != null && error.error() != null ? error : null;
        } catch (IOException | RuntimeException e) {
            return null; // Not our JSON (a proxy's HTML page, say): the caller shows the raw text instead.
        }
    }

    /** A failure to talk to the server at all, or a connection that broke mid-request. */
    static CliException transport(URI base, IOException e) {
        if (e instanceof ConnectException || e instanceof HttpConnectTimeoutException
                || e.getCause() instanceof UnresolvedAddressException || e instanceof UnknownHostException) {
            return new CliException(SERVER, "the cluster is not reachable at " + base + " (" + describe(e) + ")."
                    + " Start a local one with: ./cairn server   (or point --url / CAIRN_URL at a running gateway)", e);
        }
        if (e instanceof HttpTimeoutException) {
            return new CliException(SERVER, "timed out waiting for " + base + ": " + describe(e), e);
        }
        if (e instanceof SSLHandshakeException) {
            return new CliException(SERVER, "the TLS handshake with " + base + " failed (" + describe(e) + "). A "
                    + "cluster's own certificate is trusted with --ca-cert FILE (CAIRN_CA_CERT); on a controller's "
                    + "machine `cairn admin ca-cert --join-token cairn-join-v1-$(cat DATA/cluster.secret)` prints "
                    + "its CA", e);
        }
        return new CliException(SERVER, "the connection to " + base + " failed: " + describe(e), e);
    }

    /**
     * A connection that broke while a request body was being sent. A gateway that refuses an upload midway (no node
     * can take a chunk, the file is too large) answers and closes at once, and the JDK client, still sending, may
     * lose that answer: say so instead of leaving the user with a bare "connection reset".
     */
    static CliException uploadBroken(URI base, CliException transportFailure) {
        if (!(transportFailure.getCause() instanceof IOException e) || transportFailure.exitCode() != SERVER
                || e instanceof ConnectException || e instanceof HttpConnectTimeoutException) {
            return transportFailure;
        }
        return new CliException(SERVER, transportFailure.getMessage() + ". The connection broke during the upload:"
                + " the gateway may have refused it (its log says why; `cairn status` shows the healthy nodes)", e);
    }

    /** A local I/O failure: a file that cannot be read or written. */
    static CliException local(IOException e) {
        String message = switch (e) {
            case NoSuchFileException n -> "no such file or directory: " + n.getFile();
            case AccessDeniedException a -> "permission denied: " + a.getFile();
            case FileAlreadyExistsException f -> "already exists: " + f.getFile();
            case FileNotFoundException f -> f.getMessage();
            default -> describe(e);
        };
        return new CliException(LOCAL, message, e);
    }

    /** Checks a file name and an optional version before anything is sent (the server would refuse them too). */
    static void checkNameAndVersion(String name, Long version) {
        Names.key(name);
        if (version != null && version < 1) {
            throw usage("--version must be a positive integer");
        }
    }

    static CliException usage(String message) {
        return new CliException(LOCAL, message, null);
    }

    /** Something the command looked for in the server's answers, as a 404 would say it is missing. */
    static CliException notFound(String message) {
        return new CliException(NOT_FOUND, message, null);
    }

    /** A change the command will not ask for, as the server would refuse it (4xx): it would change nothing. */
    static CliException refused(String message) {
        return new CliException(REFUSED, message, null);
    }

    /** A 2xx answer we cannot understand: the server is not the Cairn version we speak to, or is broken. */
    static CliException badResponse(String what, Exception cause) {
        return new CliException(SERVER, "unexpected response from the server for " + what + ": " + cause.getMessage(),
                cause);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        if (e instanceof ConnectException && (message == null || message.isEmpty())) {
            return "connection refused";
        }
        if (message == null || message.isEmpty()) {
            return e.getCause() != null ? describe(e.getCause()) : e.getClass().getSimpleName();
        }
        return message;
    }

    private static String abbreviate(String text, int max) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "…";
    }
}
