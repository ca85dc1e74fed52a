package dev.signet.application.port.out;

import dev.signet.domain.SignetException;
import java.nio.file.Path;

/** A package file that is missing or cannot be read. */
public final class PackageNotReadable extends SignetException {
    public PackageNotReadable(Path packageFile, String reason, Throwable cause) {
        super("cannot read package " + packageFile + ": " + reason, cause);
    }
}
