package dev.signet.bootstrap.cli;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/** The home folder: --home, else SIGNET_HOME, else ~/.signet. Created owner-only, since it will hold secrets. */
final class SignetHome {
    private SignetHome() {
    }

    static Path resolve(Path flag, Map<String, String> environment) {
        if (flag != null) {
            return flag.toAbsolutePath();
        }
        String fromEnvironment = environment.get("SIGNET_HOME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".signet");
    }

    static Path ensureExists(Path home) throws IOException {
        if (Files.isDirectory(home)) {
            return home;
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Files.createDirectories(home,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return Files.createDirectories(home);
    }
}
