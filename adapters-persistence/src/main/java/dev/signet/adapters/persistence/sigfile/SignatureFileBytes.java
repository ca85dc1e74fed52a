package dev.signet.adapters.persistence.sigfile;

import static dev.signet.adapters.persistence.sigfile.SignatureFileFormat.MAX_FILE_BYTES;

import dev.signet.domain.verification.MalformedSignature;
import dev.signet.domain.verification.SignatureNotFound;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** Reads a signature file's bytes, refusing more than {@link SignatureFileFormat#MAX_FILE_BYTES}. */
final class SignatureFileBytes {
    private SignatureFileBytes() {
    }

    static byte[] read(Path file) {
        BasicFileAttributes attributes = attributesOf(file);
        if (attributes.isDirectory()) {
            throw new SignatureNotFound(file + " is a directory");
        }
        // Checked before reading, so that a huge file is refused without touching its content.
        if (attributes.size() > MAX_FILE_BYTES) {
            throw tooLarge();
        }
        try (InputStream in = Files.newInputStream(file)) {
            // Bounded again: the file may grow after the size check, or be a pipe or device with no size.
            byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw tooLarge();
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw notFound(file);
        } catch (IOException e) {
            throw new MalformedSignature("cannot read: " + Reasons.of(e));
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
            throw new MalformedSignature("cannot read: " + Reasons.of(e));
        }
    }

    private static boolean parentIsNotAFolder(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent != null && Files.exists(parent) && !Files.isDirectory(parent);
    }

    private static SignatureNotFound notFound(Path file) {
        return new SignatureNotFound("no " + file);
    }

    private static MalformedSignature tooLarge() {
        return new MalformedSignature("file is larger than " + MAX_FILE_BYTES + " bytes");
    }
}
