package dev.signet.adapters.persistence.sigfile;

import static dev.signet.adapters.persistence.sigfile.SignatureFileFormat.MAX_FILE_BYTES;

import dev.signet.application.port.out.FileKinds;
import dev.signet.application.port.out.SignatureFileNotReadable;
import dev.signet.domain.verification.MalformedSignature;
import dev.signet.domain.verification.SignatureNotFound;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a signature file's bytes, refusing more than {@link SignatureFileFormat#MAX_FILE_BYTES}. Only a regular
 * file is opened: a FIFO would block the open until someone writes to it, a device could be read forever.
 */
final class SignatureFileBytes {
    private SignatureFileBytes() {
    }

    static byte[] read(Path file) {
        BasicFileAttributes attributes = attributesOf(file);
        if (!attributes.isRegularFile()) {
            throw new MalformedSignature(Reasons.oneLine(file.toString()) + " " + FileKinds.notRegular(kindOf(file)));
        }
        // Checked before reading, so that a huge file is refused without touching its content.
        if (attributes.size() > MAX_FILE_BYTES) {
            throw tooLarge();
        }
        try (InputStream in = Files.newInputStream(file)) {
            // Bounded again: the file may grow after the size check.
            byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw tooLarge();
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw notFound(file);
        } catch (IOException e) {
            throw notReadable(file, e);
        }
    }

    private static BasicFileAttributes attributesOf(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw notFound(file);
        } catch (IOException e) {
            if (parentIsNotAFolder(file)) {
                throw notFound(file); // ENOTDIR: nothing can exist at that path
            }
            throw notReadable(file, e);
        }
    }

    private static String kindOf(Path file) {
        try {
            return FileKinds.of(file);
        } catch (IOException e) {
            return "a special file";
        }
    }

    private static boolean parentIsNotAFolder(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent != null && Files.exists(parent) && !Files.isDirectory(parent);
    }

    private static SignatureNotFound notFound(Path file) {
        return new SignatureNotFound("no " + file);
    }

    /** An I/O failure, never a verdict on the signature: a file we cannot read must not pass as absent or bad. */
    private static SignatureFileNotReadable notReadable(Path file, IOException e) {
        return new SignatureFileNotReadable(file, Reasons.withoutPath(e), e);
    }

    private static MalformedSignature tooLarge() {
        return new MalformedSignature("file is larger than " + MAX_FILE_BYTES + " bytes");
    }
}
