package io.cairn.app.cli;

/**
 * A failure a command reports to its user: the text after "error: " and the process exit code. Built only by
 * {@link CliErrors}, which owns the mapping from causes to exit codes.
 */
final class CliException extends RuntimeException {
    private final int exitCode;

    CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
