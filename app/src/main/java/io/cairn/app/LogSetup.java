package io.cairn.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import io.cairn.http.audit.AuditLog;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Logging for server processes: INFO to the console and to {@code <logDir>/<name>.log}, one access-log line per
 * request to {@code <logDir>/access.log}, and the audit log's JSON lines to {@code <logDir>/audit.log}, all rolled
 * daily and by size. CLI commands keep logback.xml's quiet default.
 */
final class LogSetup {
    private static final int ACCESS_QUEUE = 8192;
    private static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{24} - %msg%n";

    private LogSetup() {
    }

    static void server(Path logDir, String name) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.detachAndStopAllAppenders();
        root.addAppender(console(context));
        root.addAppender(file(context, logDir, name, PATTERN));
        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        context.getLogger("org.rocksdb").setLevel(Level.WARN);
        // Ratis logs every routine step (elections, segment rolls) at INFO, and a client request redirected to the new
        // leader at ERROR; Cairn logs what matters of those itself (leader changes, failures that reach a caller).
        context.getLogger("org.apache.ratis").setLevel(Level.WARN);
        context.getLogger("org.apache.ratis.client.impl.OrderedAsync").setLevel(Level.OFF);
        ownFile(context, "cairn.access", queued(context, file(context, logDir, "access", PATTERN)));
        audit(context, logDir);
    }

    /** The audit log: its lines are JSON objects as they are, in a file of their own and never on the console. */
    static void audit(LoggerContext context, Path logDir) {
        ownFile(context, AuditLog.LOGGER, file(context, logDir, "audit", "%msg%n"));
    }

    /**
     * The access log's lines are written by a thread of their own: every request of every process writes one, and a
     * request thread writing it itself waits for the file's lock and a write call (a few percent of the CPU of small
     * requests, more under contention). The queue is bounded and drained at a clean stop; when it is full a request waits, as before, rather than
     * a line being dropped. Lines still queued when the process is killed are lost (the audit log, which records who
     * did what, is written before the request completes).
     */
    private static AsyncAppender queued(LoggerContext context, Appender<ILoggingEvent> file) {
        AsyncAppender appender = new AsyncAppender();
        appender.setContext(context);
        appender.setName("queued-" + file.getName());
        appender.setQueueSize(ACCESS_QUEUE);
        appender.setDiscardingThreshold(0);
        appender.addAppender(file);
        appender.start();
        // Its worker is a daemon thread: without this, a clean stop would lose the lines still queued.
        Runtime.getRuntime().addShutdownHook(new Thread(appender::stop, "access-log-drain"));
        return appender;
    }

    /** Sends a logger's INFO lines to one appender only, not to the root's. */
    private static void ownFile(LoggerContext context, String name, Appender<ILoggingEvent> appender) {
        Logger logger = context.getLogger(name);
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
        logger.detachAndStopAllAppenders();
        logger.addAppender(appender);
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }

    private static ConsoleAppender<ILoggingEvent> console(LoggerContext context) {
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("console");
        appender.setEncoder(encoder(context, "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n"));
        appender.start();
        return appender;
    }

    private static RollingFileAppender<ILoggingEvent> file(LoggerContext context, Path logDir, String name,
                                                           String pattern) {
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("file-" + name);
        appender.setFile(logDir.resolve(name + ".log").toString());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(appender);
        policy.setFileNamePattern(logDir.resolve(name + ".%d{yyyy-MM-dd}.%i.log.gz").toString());
        policy.setMaxFileSize(FileSize.valueOf("100MB"));
        policy.setMaxHistory(14);
        policy.setTotalSizeCap(FileSize.valueOf("2GB"));
        policy.start();
        appender.setRollingPolicy(policy);
        appender.setEncoder(encoder(context, pattern));
        appender.start();
        return appender;
    }
}
