package dev.signet.bootstrap;

import dev.signet.application.port.in.Caller;
import com.sun.security.auth.module.UnixSystem;
import dev.signet.domain.audit.Actor;
import java.util.Optional;

/**
 * The process's default caller, for every audit event recorded outside a request (the CLI, the Java API): the OS
 * user the process runs as, as the operating system names it (not {@code -Duser.name}, which any command line can
 * set), falling back to {@code user.name} where the platform does not say.
 */
public final class ProcessCaller {
    private ProcessCaller() {
    }

    public static void install() {
        Caller.setProcessDefault(Caller.of(Actor.osUser(osUser())));
    }

    static String osUser() {
        String name = unixUser().orElseGet(
                () -> ProcessHandle.current().info().user().orElse(System.getProperty("user.name", "unknown")));
        // Windows says DOMAIN\\user; the audit record names the user
        int slash = name.lastIndexOf('\\');
        String user = slash >= 0 ? name.substring(slash + 1) : name;
        return user.isBlank() ? "unknown" : user;
    }

    /**
     * The user of the process's uid, from the system's user database (getpwuid). Asked here rather than of
     * ProcessHandle, whose set-up (a thread pool and a dozen lambdas) cost more than the rest of a small command's
     * own work; ProcessHandle remains for other systems.
     */
    private static Optional<String> unixUser() {
        if (System.getProperty("os.name", "").startsWith("Windows")) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(new UnixSystem().getUsername());
        } catch (LinkageError e) { // no such native support on this platform
            return Optional.empty();
        }
    }
}
