package dev.signet.application.service;

import dev.signet.application.port.in.SignPackageOfflineUseCase;
import dev.signet.application.port.out.AuditTrail;
import dev.signet.application.port.out.DetachedSignatureFiles;
import dev.signet.application.port.out.PackageHasher;
import dev.signet.application.port.out.PrivateKeySigner;
import dev.signet.application.port.out.Timestamper;
import dev.signet.domain.SignetException;
import dev.signet.domain.audit.AuditEvent;
import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.signature.PackageHash;
import dev.signet.domain.signature.PackageSignature;
import dev.signet.domain.signature.SignedMessage;
import java.nio.file.Path;
import java.time.Clock;

public final class OfflineSigningService implements SignPackageOfflineUseCase {
    private final PackageHasher hasher;
    private final PrivateKeySigner signer;
    private final DetachedSignatureFiles signatureFiles;
    private final AuditTrail audit;
    private final Clock clock;
    private final Timestamper timestamper;

    public OfflineSigningService(PackageHasher hasher, PrivateKeySigner signer, DetachedSignatureFiles signatureFiles,
            AuditTrail audit, Clock clock, Timestamper timestamper) {
        this.timestamper = timestamper;
        this.hasher = hasher;
        this.signer = signer;
        this.signatureFiles = signatureFiles;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public SignedPackage sign(Command command) {
        Path packageFile = command.packageFile();
        try {
            Path target = command.signatureFile().orElseGet(() -> SignatureSidecar.defaultFor(packageFile));
            signatureFiles.checkTarget(target, packageFile);
            PackageHash hash = hasher.hash(packageFile);
            KeyFingerprint fingerprint = signer.publicKeyOf(command.privateKey()).fingerprint();
            PackageSignature untimestamped = new PackageSignature(hash, fingerprint,
                    signer.sign(command.privateKey(), SignedMessage.forPackage(hash)), clock.instant());
            PackageSignature signature = command.tsaUrl()
                    .map(tsa -> untimestamped.withTimestamp(timestamper.timestamp(tsa, untimestamped.signature())))
                    .orElse(untimestamped);
            Path signatureFile = command.signatureFile().orElseGet(() -> SignatureSidecar.defaultFor(packageFile));
            signatureFiles.write(signatureFile, signature);
            audit.record(new AuditEvent.PackageSigned(packageFile.toString(), hash, fingerprint));
            return new SignedPackage(signature, signatureFile);
        } catch (SignetException e) {
            audit.record(new AuditEvent.PackageSignFailed(packageFile.toString(), e.getMessage()));
            throw e;
        }
    }
}
