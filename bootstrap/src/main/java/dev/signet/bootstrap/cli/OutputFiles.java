package dev.signet.bootstrap.cli;

import dev.signet.bootstrap.SecretFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Refuses an output path that would destroy data, before anything is written: one of the command's inputs
 * (also through a symbolic or hard link), or an existing path that is not a regular file. A rename onto a
 * device node replaces the node itself, and one onto the input replaces what was to be read.
 */
final class OutputFiles {
    private OutputFiles() {
    }

    /** @throws CliFailure naming {@code out} and why */
    static void requireReplaceable(Path out, String option, Path input, String inputRole) {
        String notRegular = SecretFiles.notRegularReason(out);
        if (notRegular != null) {
            throw new CliFailure("cannot write " + option + " " + out + ": it " + notRegular);
        }
        try {
            if (Files.exists(out) && Files.isSameFile(out, input)) {
                throw new CliFailure("cannot write " + option + " " + out + ": it is " + inputRole);
            }
        } catch (IOException e) {
            throw new CliFailure("cannot write " + option + " " + out + ": " + e.getMessage(), e);
        }
    }
}
