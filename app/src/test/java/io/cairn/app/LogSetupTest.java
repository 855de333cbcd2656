package io.cairn.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.read.ListAppender;
import io.cairn.http.audit.AuditLog;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit logger's own file, set up on a logging context of the test's own (the JVM's stays as it is). */
class LogSetupTest {
    @TempDir
    Path logDir;

    @Test
    void auditLinesGoToAuditLogAsTheyAreAndNowhereElse() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.start();
        ListAppender<ILoggingEvent> root = new ListAppender<>();
        root.setContext(context);
        root.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(root);

        LogSetup.audit(context, logDir);
        String line = "{\"time\":\"2026-12-08T10:15:30Z\",\"principal\":\"alice\",\"method\":\"PUT\"}";
        context.getLogger(AuditLog.LOGGER).info(line);
        context.getLogger(AuditLog.LOGGER).debug("not at debug");
        context.stop();

        assertThat(Files.readAllLines(logDir.resolve("audit.log"))).containsExactly(line);
        assertThat(root.list).as("not the root's appenders, so never the console").isEmpty();
    }
}
