package dev.signet.bootstrap.cli;

import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * A logger handed out before logback runs ({@link DeferredLogbackProvider}): WARN and ERROR start logback and go
 * to its logger of the same name; lower levels are off until then, and asked of logback once it runs.
 */
final class DeferredLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;
    private transient volatile Logger delegate;

    DeferredLogger(String name) {
        this.name = name;
    }

    @Override
    public boolean isTraceEnabled() {
        return DeferredLogbackProvider.isStarted() && delegate().isTraceEnabled();
    }

    @Override
    public boolean isDebugEnabled() {
        return DeferredLogbackProvider.isStarted() && delegate().isDebugEnabled();
    }

    @Override
    public boolean isInfoEnabled() {
        return DeferredLogbackProvider.isStarted() && delegate().isInfoEnabled();
    }

    @Override
    public boolean isWarnEnabled() {
        return !DeferredLogbackProvider.isStarted() || delegate().isWarnEnabled();
    }

    @Override
    public boolean isErrorEnabled() {
        return !DeferredLogbackProvider.isStarted() || delegate().isErrorEnabled();
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    /** Reached only for an enabled level: logback runs by now, or starts here (a WARN or an ERROR). */
    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments,
            Throwable throwable) {
        LoggingEventBuilder event = delegate().atLevel(level).setMessage(messagePattern);
        if (marker != null) {
            event = event.addMarker(marker);
        }
        if (arguments != null) {
            for (Object argument : arguments) {
                event = event.addArgument(argument);
            }
        }
        if (throwable != null) {
            event = event.setCause(throwable);
        }
        event.log();
    }

    private Logger delegate() {
        Logger logger = delegate;
        if (logger == null) {
            logger = DeferredLogbackProvider.started().getLogger(name);
            delegate = logger;
        }
        return logger;
    }
}
