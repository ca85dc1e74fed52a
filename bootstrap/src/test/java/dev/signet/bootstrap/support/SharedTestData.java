package dev.signet.bootstrap.support;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Fixtures made outside the project (../shared/testdata beside the repository). Tests read them in place
 * and never copy them; only where the folder is absent (a clone outside this workspace) do they skip.
 */
public final class SharedTestData {
    private SharedTestData() {
    }

    public static Path folder(String child) {
        String configured = System.getProperty("signet.testdata");
        Path root = configured == null ? Path.of("..", "..", "shared", "testdata") : Path.of(configured);
        Path folder = root.resolve(child).normalize();
        if (!Files.isDirectory(folder)) {
            Assumptions.abort("shared test fixtures not found at " + folder.toAbsolutePath()
                    + " (the workspace's shared/testdata beside the repository); skipping");
        }
        return folder;
    }
}
