package dev.signet.application.service;

import dev.signet.application.port.in.SignDigestUseCase;
import dev.signet.application.port.out.AuditTrail;
import dev.signet.application.port.out.DetachedSignatureFiles;
import dev.signet.application.port.out.PackageSignatureRepository;
import dev.signet.application.port.out.SigningKeyRepository;
import dev.signet.application.port.out.Timestamper;
import dev.signet.application.port.out.Transactions;
import dev.signet.domain.NotFound;
import dev.signet.domain.SignetException;
import dev.signet.domain.audit.AuditEvent;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.principal.Forbidden;
import dev.signet.domain.principal.Principal;
import dev.signet.domain.signature.PackageSignature;
import dev.signet.domain.signature.SignedMessage;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/**
 * Signs a digest for a principal, as {@link StoredKeySigningService} signs a package: in one transaction the key is
 * read, the principal's right to it checked (a signer of the key's organization whose scope names it), the key
 * checked active and used once, the signature stored when asked and the package.signed record made, durable before
 * the answer. A refusal is audited too (package.sign.failure). With a TSA configured (signet serve --tsa-url), every
 * signature is timestamped there first, as {@code sign --tsa-url} does; a TSA that fails fails the signing as a whole
 * (TimestampFailed: nothing stored, the failure audited).
 */
public final class DigestSigningService implements SignDigestUseCase {
    private final SigningKeyRepository signingKeys;
    private final PackageSignatureRepository signatures;
    private final StoredKeySigner signer;
    private final DetachedSignatureFiles signatureFiles;
    private final Optional<KeyEncryptionKey> kek;
    private final Transactions transactions;
    private final AuditTrail audit;
    private final Clock clock;
    private final Timestamper timestamper;
    private final Optional<URI> tsaUrl;

    public DigestSigningService(SigningKeyRepository signingKeys, PackageSignatureRepository signatures,
            StoredKeySigner signer, DetachedSignatureFiles signatureFiles, Optional<KeyEncryptionKey> kek,
            Transactions transactions, AuditTrail audit, Clock clock, Timestamper timestamper, Optional<URI> tsaUrl) {
        this.timestamper = timestamper;
        this.tsaUrl = tsaUrl;
        this.signingKeys = signingKeys;
        this.signatures = signatures;
        this.signer = signer;
        this.signatureFiles = signatureFiles;
        this.kek = kek;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public SignedDigest sign(Command command) {
        Principal principal = command.principal();
        try {
            return transactions.inTransaction(() -> {
                SigningKey key = signingKeys.findById(command.keyId())
                        .orElseThrow(() -> new NotFound("signing key " + command.keyId() + " does not exist"));
                if (!principal.maySignWith(key.organizationId(), key.id())) {
                    throw new Forbidden(principal.kind().wireName() + " " + principal.id() + " may not sign with key "
                            + key.id());
                }
                key.requireActive();
                PackageSignature untimestamped = new PackageSignature(command.packageHash(), key.fingerprint(),
                        signer.sign(key, kek, SignedMessage.forPackage(command.packageHash()),
                                "signing with a software key"),
                        Timestamps.now(clock));
                // inside the transaction, so that a TSA that fails rolls the signing back as a whole
                PackageSignature signature = tsaUrl
                        .map(tsa -> untimestamped.withTimestamp(timestamper.timestamp(tsa, untimestamped.signature())))
                        .orElse(untimestamped);
                byte[] file = signatureFiles.encode(signature);
                if (command.storeSignature()) {
                    signatures.addIfAbsent(signature, key.id());
                }
                audit.record(new AuditEvent.DigestSigned(command.packageName(), command.packageHash(), key.id(),
                        key.fingerprint()));
                return new SignedDigest(signature, key.id(), file);
            });
        } catch (SignetException e) {
            FailureEvents.record(audit, new AuditEvent.DigestSignFailed(command.packageName(), command.packageHash(),
                    command.keyId(), e.getMessage()), e);
            throw e;
        }
    }
}
