package dev.signet.adapters.persistence.sigfile;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the fixtures made outside the project live: the system property {@code signet.testdata}, which
 * surefire sets from the parent pom, or else {@code ../../shared/testdata} seen from this module (for IDE runs).
 * Tests are skipped only when that folder is absent; a missing file inside it is a failure.
 */
final class SharedTestData {
    static final String PROPERTY = "signet.testdata";

    private SharedTestData() {
    }

    /** The {@code cloacina} fixtures folder; aborts the calling test when the shared folder is absent. */
    static Path cloacina() {
        return root().resolve("cloacina");
    }

    static Path root() {
        String configured = System.getProperty(PROPERTY);
        Path root = (configured == null || configured.isBlank()
                ? Path.of("..", "..", "shared", "testdata")
                : Path.of(configured)).toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            Assumptions.abort("shared test fixtures not found at " + root
                    + " (set -D" + PROPERTY + "=<folder> to run the fixture tests)");
        }
        return root;
    }
}
