package dev.signet.bootstrap.cli;

import dev.signet.adapters.audit.JsonLinesAuditFile;
import dev.signet.adapters.audit.Slf4jAuditTrail;
import dev.signet.application.port.out.AuditTrail;
import java.nio.file.Path;

/**
 * The CLI's audit stream and logging, both in the home folder, nothing on the console: audit events as JSON
 * lines in HOME/audit.log, diagnostics (WARN and above) in HOME/signet.log. Integrators embedding Signet keep
 * their own logging configuration; this runs only in the CLI.
 *
 * <p>Start-up: the audit lines are written by {@link JsonLinesAuditFile} (jackson-core's streaming generator,
 * the same bytes logstash-logback-encoder wrote), so a command loads logback only when something is logged to
 * signet.log, and then {@link CliLogbackConfigurator} sets it up. With {@code -Dlogback.configurationFile}
 * the audit events go through the {@value Slf4jAuditTrail#LOGGER_NAME} logger instead, for a configuration
 * that routes them elsewhere.
 */
final class CliLogging {
    /** Also usable as ${signet.home} in a configuration given with -Dlogback.configurationFile. */
    static final String HOME_PROPERTY = "signet.home";
    static final String AUDIT_FILE = "audit.log";
    /** Set by the CLI's main: logback is then the CLI's even before (or without) a home. */
    static final String CLI_PROPERTY = "signet.cli";
    /** How much SLF4J reports about itself on stderr. */
    private static final String SLF4J_VERBOSITY = "slf4j.internal.verbosity";

    private CliLogging() {
    }

    /**
     * In {@code main}, before any logger exists: the CLI's logging, even for a command without a home
     * (CliLogbackConfigurator), through logback started only when something is logged (DeferredLogbackProvider),
     * unless the command line names another SLF4J provider.
     */
    static void useTheCliLogging() {
        System.setProperty(CLI_PROPERTY, "true");
        if (System.getProperty(DeferredLogbackProvider.PROPERTY) == null) {
            System.setProperty(DeferredLogbackProvider.PROPERTY, DeferredLogbackProvider.class.getName());
            // else SLF4J says on stderr, at INFO, that it loads the provider the property names
            if (System.getProperty(SLF4J_VERBOSITY) == null) {
                System.setProperty(SLF4J_VERBOSITY, "WARN");
            }
        }
    }

    /** Whether the CLI's deferred logback is SLF4J's binding in this JVM. */
    static boolean deferredLogback() {
        return DeferredLogbackProvider.class.getName().equals(System.getProperty(DeferredLogbackProvider.PROPERTY));
    }

    /** Before the first logger exists. */
    static void configure(Path home) {
        System.setProperty(HOME_PROPERTY, home.toString());
    }

    /** Where the CLI streams audit events: HOME/audit.log, or the logger when a logback configuration is given. */
    static AuditTrail auditTrail(Path home) {
        if (System.getProperty("logback.configurationFile") != null) {
            return new Slf4jAuditTrail();
        }
        return new JsonLinesAuditFile(home.resolve(AUDIT_FILE));
    }
}
