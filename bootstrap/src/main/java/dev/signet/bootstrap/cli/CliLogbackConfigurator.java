package dev.signet.bootstrap.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import dev.signet.adapters.http.SignetHttpServer;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * The CLI's logging, set up in code when logback starts (a {@link Configurator} service), which is only when
 * something is logged (the audit stream is {@link CliLogging#auditTrail}'s, not logback's): WARN and above in
 * HOME/signet.log, nothing on the console, and
 * logback's own status messages nowhere, so that a command prints only its answer or one error line.
 * Code rather than an XML file because parsing and interpreting the XML took a tenth of the start-up
 * of a small command.
 *
 * <p>It acts only in the CLI, which sets {@value CliLogging#CLI_PROPERTY} in {@code main} and
 * {@value CliLogging#HOME_PROPERTY} before the first logger exists; anywhere else (an integrator embedding Signet, the tests) and when
 * {@code -Dlogback.configurationFile} names a configuration, logback goes on to its usual
 * configuration.
 */
public final class CliLogbackConfigurator extends ContextAwareBase implements Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext context) {
        String home = System.getProperty(CliLogging.HOME_PROPERTY);
        boolean cli = Boolean.getBoolean(CliLogging.CLI_PROPERTY);
        if ((home == null && !cli) || System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        context.getStatusManager().add(new NopStatusListener());

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        if (home != null) {
            PatternLayoutEncoder diagnostics = new PatternLayoutEncoder();
            diagnostics.setPattern("%d{ISO8601} %-5level [%thread] %logger - %msg%n");
            root.addAppender(fileAppender(context, "DIAGNOSTICS", home + "/signet.log", diagnostics));
        }
        // else a CLI command without a home (--version, --help, a usage error): nothing is logged anywhere, in
        // particular not Java 21+'s DEBUG "Runtime.exit() called" record that System.exit logs through
        // System.Logger, which logback's default configuration printed on stdout.
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * {@code signet serve} only: its access log, one JSON object per request, in HOME/access.log (the file is made
     * by the service alone, not by every command). Does nothing when logback is not the CLI's configuration.
     */
    static void enableAccessLog(Path home) {
        org.slf4j.ILoggerFactory factory = CliLogging.deferredLogback() ? DeferredLogbackProvider.started()
                : LoggerFactory.getILoggerFactory();
        if (System.getProperty(CliLogging.HOME_PROPERTY) == null || !(factory instanceof LoggerContext context)) {
            return;
        }
        PatternLayoutEncoder lines = new PatternLayoutEncoder();
        lines.setPattern("%msg%n"); // each message is one JSON object already
        Logger access = context.getLogger(SignetHttpServer.ACCESS_LOGGER);
        access.setLevel(Level.INFO);
        access.setAdditive(false);
        access.addAppender(fileAppender(context, "ACCESS", home.resolve("access.log").toString(), lines));
    }

    private static FileAppender<ILoggingEvent> fileAppender(LoggerContext context, String name, String file,
            Encoder<ILoggingEvent> encoder) {
        encoder.setContext(context);
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName(name);
        appender.setFile(file);
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }
}
