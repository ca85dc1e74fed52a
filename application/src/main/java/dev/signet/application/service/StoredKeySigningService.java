package dev.signet.application.service;

import dev.signet.application.port.in.SignPackageWithStoredKeyUseCase;
import dev.signet.application.port.out.AuditTrail;
import dev.signet.application.port.out.DetachedSignatureFiles;
import dev.signet.application.port.out.PackageHasher;
import dev.signet.application.port.out.PackageSignatureRepository;
import dev.signet.application.port.out.SigningKeyRepository;
import dev.signet.application.port.out.Timestamper;
import dev.signet.application.port.out.Transactions;
import dev.signet.domain.NotFound;
import dev.signet.domain.SignetException;
import dev.signet.domain.audit.AuditEvent;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.signature.PackageHash;
import dev.signet.domain.signature.PackageSignature;
import dev.signet.domain.signature.SignedMessage;
import java.time.Clock;

/**
 * Signs with a key Signet keeps. The package is hashed before the transaction (it may be large); the
 * key is read, checked active, unwrapped once, used once and wiped, the signature stored and its file
 * written, in one transaction. The file is written before the PackageSigned event, so that a signature
 * file that could not be written (read-only folder, full disk) rolls the stored signature back and is
 * audited as PackageSignFailed, never as a signing that happened.
 */
public final class StoredKeySigningService implements SignPackageWithStoredKeyUseCase {
    private final PackageHasher hasher;
    private final SigningKeyRepository signingKeys;
    private final PackageSignatureRepository signatures;
    private final StoredKeySigner signer;
    private final DetachedSignatureFiles signatureFiles;
    private final Transactions transactions;
    private final AuditTrail audit;
    private final Clock clock;
    private final Timestamper timestamper;

    public StoredKeySigningService(PackageHasher hasher, SigningKeyRepository signingKeys,
            PackageSignatureRepository signatures, StoredKeySigner signer, DetachedSignatureFiles signatureFiles,
            Transactions transactions, AuditTrail audit, Clock clock, Timestamper timestamper) {
        this.timestamper = timestamper;
        this.signatureFiles = signatureFiles;
        this.hasher = hasher;
        this.signingKeys = signingKeys;
        this.signatures = signatures;
        this.signer = signer;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public StoredKeySignature sign(Command command) {
        String packagePath = command.packageFile().toString();
        try {
            command.signatureFile().ifPresent(file -> signatureFiles.checkTarget(file, command.packageFile()));
            PackageHash hash = hasher.hash(command.packageFile());
            return transactions.inTransaction(() -> {
                SigningKey key = signingKeys.findById(command.keyId())
                        .orElseThrow(() -> new NotFound("signing key " + command.keyId() + " does not exist"));
                key.requireActive();
                PackageSignature untimestamped = new PackageSignature(hash, key.fingerprint(), signer.sign(key,
                        command.kek(), SignedMessage.forPackage(hash), "signing with a software key"),
                        Timestamps.now(clock));
                // inside the transaction, so that a TSA that fails rolls the signing back as a whole
                PackageSignature signature = command.tsaUrl()
                        .map(tsa -> untimestamped.withTimestamp(timestamper.timestamp(tsa, untimestamped.signature())))
                        .orElse(untimestamped);
                boolean stored = command.storeSignature() && signatures.addIfAbsent(signature, key.id());
                command.signatureFile().ifPresent(file -> signatureFiles.write(file, signature));
                audit.record(new AuditEvent.PackageSigned(packagePath, hash, key.fingerprint()));
                return new StoredKeySignature(signature, key.id(), stored);
            });
        } catch (SignetException e) {
            FailureEvents.record(audit, new AuditEvent.PackageSignFailed(packagePath, e.getMessage()), e);
            throw e;
        }
    }
}
