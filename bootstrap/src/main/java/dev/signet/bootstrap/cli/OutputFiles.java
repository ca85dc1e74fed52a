package dev.signet.bootstrap.cli;

import dev.signet.adapters.persistence.sigfile.AtomicFileWriter;
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
        requireReplaceable(out, option);
        try {
            if (Files.exists(out) && Files.isSameFile(out, input)) {
                throw new CliFailure("cannot write " + option + " " + out + ": it is " + inputRole);
            }
        } catch (IOException e) {
            throw new CliFailure("cannot write " + option + " " + out + ": " + e.getMessage(), e);
        }
    }

    /** @throws CliFailure when {@code out} exists and is not a regular file (a device, FIFO, socket, folder) */
    static void requireReplaceable(Path out, String option) {
        String notRegular = SecretFiles.notRegularReason(out);
        if (notRegular != null) {
            throw new CliFailure("cannot write " + option + " " + out + ": it " + notRegular);
        }
    }

    /**
     * Writes {@code bytes} to {@code out} whole or not at all (the .sig files' {@link AtomicFileWriter}), so a
     * reader never sees half a file and a failed write leaves what was there.
     */
    static void writeAtomically(Path out, String option, byte[] bytes) {
        try {
            AtomicFileWriter.write(out, bytes);
        } catch (IOException e) {
            throw new CliFailure("cannot write " + option + " " + out + ": " + e.getMessage(), e);
        }
    }
}
