package dev.signet.application.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a package's detached signature sits. Signet writes PACKAGE.sig. Cloacina derives the name with
 * Rust's {@code with_extension}, which for a file with no extension gives {@code pkg..sig}, so that name
 * is also looked for when reading.
 */
public final class SignatureSidecar {
    private SignatureSidecar() {
    }

    public static Path defaultFor(Path packageFile) {
        return packageFile.resolveSibling(packageFile.getFileName() + ".sig");
    }

    public static List<Path> candidatesFor(Path packageFile) {
        String name = packageFile.getFileName().toString();
        boolean hasExtension = name.lastIndexOf('.') > 0;
        return hasExtension
                ? List.of(defaultFor(packageFile))
                : List.of(defaultFor(packageFile), packageFile.resolveSibling(name + "..sig"));
    }

    /** The first candidate that exists. */
    public static Optional<Path> find(Path packageFile) {
        return candidatesFor(packageFile).stream().filter(Files::exists).findFirst();
    }
}
