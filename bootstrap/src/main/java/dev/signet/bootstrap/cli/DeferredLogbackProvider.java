package dev.signet.bootstrap.cli;

import ch.qos.logback.classic.spi.LogbackServiceProvider;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The CLI's SLF4J binding (set with {@value #PROPERTY} in {@code main}): logback, started only when something is
 * logged. A connection pool or a mapper asks for its loggers when it loads, and logback's set-up (configuration,
 * appenders: about 230 classes) then ran for every key-store command, although the CLI logs only WARN and above
 * to HOME/signet.log (CliLogbackConfigurator) and a healthy command logs nothing. Until logback runs, a logger
 * says that WARN and ERROR are enabled (a call then starts logback and goes through) and lower levels are not,
 * which is what the CLI's configuration says too. {@code signet serve} (its access log) and a
 * {@code -Dlogback.configurationFile} (a configuration that may enable more) start logback at once.
 */
public final class DeferredLogbackProvider implements SLF4JServiceProvider {
    /** SLF4J's own property naming the provider to use. */
    static final String PROPERTY = "slf4j.provider";

    private static final Object START = new Object();
    private static volatile LogbackServiceProvider logback;

    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final ILoggerFactory loggers = this::logger;
    private MDCAdapter mdc;

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // Signet puts nothing in the MDC; logback's events read their context's own adapter, not this one
        mdc = new BasicMDCAdapter();
        if (System.getProperty("logback.configurationFile") != null) {
            started();
        }
    }

    /** Logback's logger factory (its LoggerContext), started and configured now if it was not yet. */
    static ILoggerFactory started() {
        LogbackServiceProvider provider = logback;
        if (provider == null) {
            synchronized (START) {
                provider = logback;
                if (provider == null) {
                    provider = new LogbackServiceProvider();
                    provider.initialize();
                    logback = provider;
                }
            }
        }
        return provider.getLoggerFactory();
    }

    /** Whether logback runs (a logger then asks it for every level). */
    static boolean isStarted() {
        return logback != null;
    }

    private Logger logger(String name) {
        return isStarted() ? started().getLogger(name) : new DeferredLogger(name);
    }
}
