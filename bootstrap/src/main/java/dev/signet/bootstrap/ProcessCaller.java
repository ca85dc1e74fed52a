package dev.signet.bootstrap;

import dev.signet.application.port.in.Caller;
import dev.signet.domain.audit.Actor;

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
        String name = ProcessHandle.current().info().user().orElse(System.getProperty("user.name", "unknown"));
        // Windows says DOMAIN\\user; the audit record names the user
        int slash = name.lastIndexOf('\\');
        String user = slash >= 0 ? name.substring(slash + 1) : name;
        return user.isBlank() ? "unknown" : user;
    }
}
