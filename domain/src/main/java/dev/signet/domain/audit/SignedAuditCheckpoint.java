package dev.signet.domain.audit;

import dev.signet.domain.Require;
import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.signature.Ed25519Signature;

/**
 * A checkpoint signed by an audit key: what {@code signet audit checkpoint} writes and what a verifier keeps,
 * outside the database. {@code keyId} says which stored signing key made it, {@code keyFingerprint} pins its
 * public key (SHA-256 of the raw key), so a public key put in the database later in its place is not taken.
 */
public record SignedAuditCheckpoint(AuditCheckpoint checkpoint, KeyId keyId, KeyFingerprint keyFingerprint,
        Ed25519Signature signature) {
    /** The version of the checkpoint file format and of the signed text ({@link AuditCheckpoint#PREFIX}). */
    public static final int VERSION = 1;

    public SignedAuditCheckpoint {
        Require.present(checkpoint, "checkpoint");
        Require.present(keyId, "audit key id");
        Require.present(keyFingerprint, "audit key fingerprint");
        Require.present(signature, "checkpoint signature");
    }

    public long position() {
        return checkpoint.position();
    }

    /** The event that records this checkpoint in the chain and on the audit stream. */
    public AuditEvent.AuditCheckpointTaken event() {
        return new AuditEvent.AuditCheckpointTaken(this);
    }
}
