package dev.signet.application.port.out;

import dev.signet.domain.signature.PackageHash;
import java.nio.file.Path;

/** SHA-256 over a package file, streamed in constant memory whatever the file's size. */
public interface PackageHasher {
    /** @throws PackageNotReadable when the file is missing or cannot be read */
    PackageHash hash(Path packageFile);
}
