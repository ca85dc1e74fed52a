package dev.signet.bootstrap;

import dev.signet.application.port.out.FileKinds;
import dev.signet.domain.SignetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Files that hold a secret (the KEK, the PKCS#11 PIN): like ssh with a private key, Signet refuses one that
 * group or others may read, write or run, unless told otherwise (--allow-insecure-secret-files,
 * SIGNET_ALLOW_INSECURE_SECRET_FILES). Checked on the file a link points to, before it is opened.
 */
public final class SecretFiles {
    public static final String ALLOW_INSECURE_VARIABLE = "SIGNET_ALLOW_INSECURE_SECRET_FILES";
    public static final String ALLOW_INSECURE_FLAG = "--allow-insecure-secret-files";
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private SecretFiles() {
    }

    /** True when SIGNET_ALLOW_INSECURE_SECRET_FILES is "true", "1" or "yes". */
    public static boolean insecureAllowedBy(Map<String, String> environment) {
        String value = environment.get(ALLOW_INSECURE_VARIABLE);
        return value != null && Set.of("true", "1", "yes").contains(value.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * Refuses a secret file that group or others can access. Does nothing where the file system has no POSIX
     * permissions, or when nothing is there (the read that follows says so in its own words).
     *
     * @throws InsecureSecretFile naming the file, its permissions and the fix
     */
    public static void requireOwnerOnly(Path file, String what, boolean allowInsecure) {
        if (allowInsecure) {
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException | NoSuchFileException noPosixOrNothingThere) {
            return;
        } catch (IOException e) {
            return; // the read that follows fails with the reason
        }
        if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            throw new InsecureSecretFile(what + " file " + file + " is accessible by group or others ("
                    + PosixFilePermissions.toString(permissions) + "): run chmod 600 " + file + ", or pass "
                    + ALLOW_INSECURE_FLAG + " (" + ALLOW_INSECURE_VARIABLE + "=true) to use it anyway");
        }
    }

    /**
     * Why {@code file} is not a regular file ("is a FIFO, not a regular file"), or null when it is one or when
     * nothing is there; never opens it.
     */
    public static String notRegularReason(Path file) {
        try {
            String kind = FileKinds.of(file);
            return kind.equals(FileKinds.REGULAR_FILE) ? null : FileKinds.notRegular(kind);
        } catch (IOException nothingThereOrUnreadable) {
            return null; // the open that follows reports it
        }
    }

    /** A secret file open to group or others, refused as ssh refuses such a private key. */
    public static final class InsecureSecretFile extends SignetException {
        InsecureSecretFile(String message) {
            super(message);
        }
    }
}
