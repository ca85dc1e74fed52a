package dev.signet.adapters.crypto.soft;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The fixtures made outside the project (shared/testdata). Surefire points the system property
 * signet.testdata at them; tests that need them are skipped, with a message naming the path, only when
 * the folder is absent.
 */
final class SharedTestData {
    static final String PROPERTY = "signet.testdata";

    private SharedTestData() {
    }

    /** The fixtures folder, or an aborted (skipped) test when it is absent. */
    static Path root() {
        String configured = System.getProperty(PROPERTY);
        // From an IDE the property may be unset; the working directory is then the module folder.
        Path root = (configured == null ? Path.of("../../shared/testdata") : Path.of(configured))
                .toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            Assumptions.abort("shared test fixtures not found at " + root
                    + ": set -D" + PROPERTY + "=<folder> or check out shared/ beside the repository");
        }
        return root;
    }

    static Path resolve(String relative) {
        return root().resolve(relative);
    }
}
