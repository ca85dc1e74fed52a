package dev.signet.application.service;

import dev.signet.application.port.in.AuditCheckpointUseCase;
import dev.signet.application.port.out.AuditCheckpointFiles;
import dev.signet.application.port.out.AuditLog;
import dev.signet.application.port.out.AuditTrail;
import dev.signet.application.port.out.SignatureVerifier;
import dev.signet.application.port.out.SigningKeyRepository;
import dev.signet.application.port.out.Transactions;
import dev.signet.domain.Conflict;
import dev.signet.domain.NotFound;
import dev.signet.domain.audit.AuditChainBroken;
import dev.signet.domain.audit.AuditChainCheck;
import dev.signet.domain.audit.AuditChainVerdict;
import dev.signet.domain.audit.AuditCheckpoint;
import dev.signet.domain.audit.InvalidAuditCheckpoint;
import dev.signet.domain.audit.SignedAuditCheckpoint;
import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.signature.Ed25519Signature;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Takes and checks signed checkpoints of the audit chain (decision 0004). Records this process deferred (see
 * {@link DeferredAuditWriter}) are written first, so a checkpoint covers everything the caller did.
 */
public final class AuditCheckpointService implements AuditCheckpointUseCase {
    private static final Duration FLUSH_WAIT = Duration.ofSeconds(30);

    private final AuditLog log;
    private final DeferredAuditWriter deferred;
    private final Transactions transactions;
    private final SigningKeyRepository signingKeys;
    private final StoredKeySigner signer;
    private final SignatureVerifier verifier;
    private final AuditCheckpointFiles files;
    private final AuditTrail audit;
    private final Clock clock;

    /** {@code audit} is the trail changes go to: the chain, in the caller's transaction, and the stream. */
    public AuditCheckpointService(AuditLog log, DeferredAuditWriter deferred, Transactions transactions,
            SigningKeyRepository signingKeys, StoredKeySigner signer, SignatureVerifier verifier,
            AuditCheckpointFiles files, AuditTrail audit, Clock clock) {
        this.log = Objects.requireNonNull(log, "audit log");
        this.deferred = Objects.requireNonNull(deferred, "deferred audit writer");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.signingKeys = Objects.requireNonNull(signingKeys, "signing keys");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.files = Objects.requireNonNull(files, "checkpoint files");
        this.audit = Objects.requireNonNull(audit, "audit trail");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public SignedAuditCheckpoint checkpoint(CheckpointCommand command) {
        deferred.flush(FLUSH_WAIT);
        return transactions.inTransaction(() -> {
            SigningKey key = signingKeys.findById(command.auditKey()).orElseThrow(() -> new NotFound(
                    "audit key " + command.auditKey() + " does not exist (see: signet key list --org ORG)"));
            key.requireActive();
            // No lock: records appended meanwhile land after the head read here, which stays true of the chain.
            AuditLog.Head head = log.head();
            AuditChainVerdict verdict = walk(new AuditChainCheck(), head);
            if (!verdict.isWhole()) {
                throw new AuditChainBroken(verdict, "; no checkpoint was taken");
            }
            if (head.position() == 0) {
                throw new Conflict("the audit chain is empty: there is nothing to checkpoint yet");
            }
            AuditCheckpoint checkpoint = AuditCheckpoint.of(head.position(), head.hash(), clock.instant());
            Ed25519Signature signature = signer.sign(key, command.kek(), checkpoint.signedMessage(),
                    "signing an audit checkpoint with a software key");
            // A key in custody other than the one whose public key is stored would sign checkpoints nobody can check.
            if (!verifier.verify(key.publicKey(), checkpoint.signedMessage(), signature)) {
                throw new InvalidAuditCheckpoint(checkpoint.position(), "audit key " + key.id()
                        + " made a signature that its stored public key does not verify");
            }
            SignedAuditCheckpoint signed = new SignedAuditCheckpoint(checkpoint, key.id(), key.fingerprint(), signature);
            command.out().ifPresent(file -> files.write(file, signed));
            audit.record(signed.event());
            return signed;
        });
    }

    @Override
    public AuditChainVerdict verify(SignedAuditCheckpoint checkpoint, Optional<Ed25519PublicKey> auditPublicKey) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(auditPublicKey, "audit public key");
        deferred.flush(FLUSH_WAIT);
        return transactions.inTransaction(() -> {
            requireAuthentic(checkpoint, auditPublicKey);
            return walk(new AuditChainCheck().expect(checkpoint.checkpoint()), log.head());
        });
    }

    @Override
    public SignedAuditCheckpoint read(Path checkpointFile) {
        return files.read(checkpointFile);
    }

    @Override
    public String encode(SignedAuditCheckpoint checkpoint) {
        return files.encode(checkpoint);
    }

    private void requireAuthentic(SignedAuditCheckpoint checkpoint, Optional<Ed25519PublicKey> given) {
        long position = checkpoint.position();
        String source = given.isPresent() ? "the audit public key given" : "stored key " + checkpoint.keyId();
        Ed25519PublicKey publicKey = given.orElseGet(() -> signingKeys.findById(checkpoint.keyId())
                .map(SigningKey::publicKey)
                .orElseThrow(() -> new NotFound("audit key " + checkpoint.keyId() + ", which signed the checkpoint of "
                        + "record " + position + ", is not in the database: give its public key (--audit-public-key)")));
        if (!publicKey.fingerprint().equals(checkpoint.keyFingerprint())) {
            throw new InvalidAuditCheckpoint(position, "it names audit key fingerprint " + checkpoint.keyFingerprint()
                    + ", but " + source + " has fingerprint " + publicKey.fingerprint());
        }
        if (!verifier.verify(publicKey, checkpoint.checkpoint().signedMessage(), checkpoint.signature())) {
            throw new InvalidAuditCheckpoint(position, "its signature does not verify against audit key "
                    + checkpoint.keyFingerprint() + " (it was altered, or not made by that key)");
        }
    }

    /** Records appended after {@code head} was read are past it and are left for the next check. */
    private AuditChainVerdict walk(AuditChainCheck check, AuditLog.Head head) {
        log.forEachRecord(record -> record.position() <= head.position() && check.accept(record));
        return check.verdict(head.position(), head.hash());
    }
}
