package dev.signet.application.port.out;

import dev.signet.domain.audit.SignedAuditCheckpoint;
import java.nio.file.Path;

/**
 * Checkpoint files: one JSON line per file ({@code version, position, chain_hash, time, key_id,
 * key_fingerprint, signature}), kept by operators outside the database.
 */
public interface AuditCheckpointFiles {
    /**
     * Writes atomically: a reader sees the old file or the whole new one, never a part.
     *
     * @throws AuditCheckpointFileNotWritten when the file cannot be written; nothing partial is left behind
     */
    void write(Path file, SignedAuditCheckpoint checkpoint);

    /** @throws MalformedAuditCheckpoint when the file is missing, unreadable or not exactly one version 1 checkpoint */
    SignedAuditCheckpoint read(Path file);

    /** The JSON line {@link #write} puts in the file, without its line end. */
    String encode(SignedAuditCheckpoint checkpoint);
}
