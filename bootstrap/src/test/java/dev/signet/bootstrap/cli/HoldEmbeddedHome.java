package dev.signet.bootstrap.cli;

import dev.signet.bootstrap.Signet;
import java.nio.file.Path;

/**
 * A second process that keeps a Signet home's embedded database open, as a long-running integrator would:
 * {@code HoldEmbeddedHome HOME SECONDS} prints "holding" once it has the database and closes it after SECONDS.
 */
public final class HoldEmbeddedHome {
    private HoldEmbeddedHome() {
    }

    public static void main(String[] args) throws InterruptedException {
        try (Signet signet = Signet.builder().embedded(Path.of(args[0])).build()) {
            signet.keyManager().listOrganizations();
            System.out.println("holding");
            System.out.flush();
            Thread.sleep(Long.parseLong(args[1]) * 1000);
        }
        System.out.println("released");
    }
}
