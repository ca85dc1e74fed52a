package dev.signet.bootstrap.cli;

import java.nio.file.Path;

/**
 * Points the CLI's logging at its own configuration before the first logger exists: audit events as
 * JSON lines in HOME/audit.log, diagnostics in HOME/signet.log, nothing on the console, so that a
 * command prints only its answer or one error line. Integrators embedding Signet keep their own
 * logging configuration; this runs only in the CLI.
 */
final class CliLogging {
    private CliLogging() {
    }

    static void configure(Path home) {
        System.setProperty("signet.home", home.toString());
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "signet-cli-logback.xml");
        }
    }
}
