package dev.signet.application.port.in;

import dev.signet.domain.Require;
import dev.signet.domain.audit.AuditChainVerdict;
import dev.signet.domain.audit.SignedAuditCheckpoint;
import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.key.KeyId;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Signed checkpoints of the audit chain, in the manner of Certificate Transparency's signed tree heads: an audit
 * key signs the chain's head, and whoever keeps the checkpoint outside the database can later prove that the
 * chain still holds that head, which someone who can write the database cannot fake without the audit key.
 */
public interface AuditCheckpointUseCase {
    /**
     * Checks that the chain is whole, signs its head with the audit key (a stored signing key, software or HSM)
     * and appends the checkpoint to the chain as an {@code audit.checkpoint} record, which also goes to the
     * audit stream, in one transaction. With {@code out}, the checkpoint file is written before that transaction
     * commits, so a file that cannot be written leaves no record.
     *
     * @throws dev.signet.domain.audit.AuditChainBroken when the chain does not verify (no checkpoint is taken)
     * @throws dev.signet.domain.NotFound when there is no such key
     * @throws dev.signet.domain.key.SigningKeyRevoked when the audit key was revoked
     * @throws dev.signet.application.port.out.AuditCheckpointFileNotWritten when {@code out} cannot be written
     */
    SignedAuditCheckpoint checkpoint(CheckpointCommand command);

    /**
     * Checks the whole chain as {@link AuditUseCase#verify()} does, and also that it still holds the record the
     * checkpoint names, with the hash it names: a tail deleted and the head set back, or a chain rewritten, after
     * the checkpoint was taken, is named at the checkpoint's position.
     *
     * <p>The signature is checked first: against {@code auditPublicKey} when given, else against the stored public
     * key of the checkpoint's key id; either must have the checkpoint's key fingerprint. Someone who can write the
     * database can replace a stored key and sign checkpoints of their own, so a verifier who does not trust the
     * database gives the audit public key it keeps elsewhere.
     *
     * @throws dev.signet.domain.audit.InvalidAuditCheckpoint when the signature does not verify
     * @throws dev.signet.domain.NotFound when no public key is given and the database has no key of that id
     */
    AuditChainVerdict verify(SignedAuditCheckpoint checkpoint, Optional<Ed25519PublicKey> auditPublicKey);

    /** @throws dev.signet.application.port.out.MalformedAuditCheckpoint when it is not one version 1 checkpoint */
    SignedAuditCheckpoint read(Path checkpointFile);

    /** The JSON line a checkpoint file holds (without its line end). */
    String encode(SignedAuditCheckpoint checkpoint);

    /** {@code kek} opens a software audit key; an HSM key needs none. */
    record CheckpointCommand(KeyId auditKey, Optional<KeyEncryptionKey> kek, Optional<Path> out) {
        public CheckpointCommand {
            Require.present(auditKey, "audit key");
            Require.present(kek, "key-encryption key");
            Require.present(out, "checkpoint file");
        }
    }
}
