package dev.signet.application.port.out;

import dev.signet.domain.SignetException;
import java.nio.file.Path;

/** A package larger than the loading gate may copy (SecurityConfig's maxLoadBytes); no copy is left behind. */
public final class PackageTooLarge extends SignetException {
    public PackageTooLarge(Path packageFile, long maxBytes) {
        super("package " + packageFile + " is larger than the loading limit of " + maxBytes + " bytes (raise it with "
                + "--max-load-size, SIGNET_MAX_LOAD_SIZE or SecurityConfig.maxLoadBytes)");
    }
}
