package dev.signet.bootstrap.cli;

import java.nio.file.Path;

/**
 * Points the CLI's logging at the home folder before the first logger exists: {@link CliLogbackConfigurator}
 * then writes audit events to HOME/audit.log and diagnostics to HOME/signet.log, nothing to the console.
 * Integrators embedding Signet keep their own logging configuration; this runs only in the CLI.
 */
final class CliLogging {
    /** Also usable as ${signet.home} in a configuration given with -Dlogback.configurationFile. */
    static final String HOME_PROPERTY = "signet.home";

    private CliLogging() {
    }

    static void configure(Path home) {
        System.setProperty(HOME_PROPERTY, home.toString());
    }
}
