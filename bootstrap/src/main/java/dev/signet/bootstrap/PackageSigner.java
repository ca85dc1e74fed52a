package dev.signet.bootstrap;

import dev.signet.application.port.in.SecurityConfig;
import dev.signet.application.port.in.SignPackageWithStoredKeyUseCase;
import dev.signet.application.port.in.SignPackageWithStoredKeyUseCase.StoredKeySignature;
import dev.signet.application.port.out.DetachedSignatureFiles;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.signature.PackageSignature;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Signs packages with keys Signet keeps, and writes detached signatures; with the SecurityConfig's
 * {@code tsaUrl}, every signature is timestamped by that RFC 3161 TSA (or the signing fails).
 */
public final class PackageSigner {
    private final SignPackageWithStoredKeyUseCase signing;
    private final DetachedSignatureFiles signatureFiles;
    private final SecurityConfig config;

    PackageSigner(SignPackageWithStoredKeyUseCase signing, DetachedSignatureFiles signatureFiles,
            SecurityConfig config) {
        this.signing = signing;
        this.signatureFiles = signatureFiles;
        this.config = config;
    }

    /**
     * Signs with a stored key, unwrapping it with {@code kek}; with {@code storeSignature} the signature is
     * also recorded in the database (once per key and package).
     */
    public StoredKeySignature signPackageWithDbKey(Path packageFile, KeyId keyId, KeyEncryptionKey kek,
            boolean storeSignature) {
        return signing.sign(new SignPackageWithStoredKeyUseCase.Command(packageFile, keyId, Optional.of(kek),
                storeSignature, Optional.empty(), config.tsaUrl()));
    }

    /** As above, with the SecurityConfig's key-encryption key (none is needed for HSM keys). */
    public StoredKeySignature signPackageWithDbKey(Path packageFile, KeyId keyId, boolean storeSignature) {
        return signing.sign(new SignPackageWithStoredKeyUseCase.Command(packageFile, keyId,
                config.keyEncryptionKey(), storeSignature, Optional.empty(), config.tsaUrl()));
    }

    /**
     * Signs with a stored key, using the SecurityConfig's key-encryption key, and writes the detached
     * signature to {@code signatureFile} as part of the signing: if the file cannot be written, the signing
     * fails ({@code SignatureFileNotWritten}), nothing is stored, and the audit records a failed signing.
     */
    public StoredKeySignature signPackageWithDbKey(Path packageFile, KeyId keyId, boolean storeSignature,
            Path signatureFile) {
        return signing.sign(new SignPackageWithStoredKeyUseCase.Command(packageFile, keyId,
                config.keyEncryptionKey(), storeSignature, Optional.of(signatureFile), config.tsaUrl()));
    }

    /**
     * As above, and with a {@code tsaUrl} the signature is first timestamped by that RFC 3161 TSA (the token goes
     * into the {@code .sig} as {@code timestamp_token}); a TSA that fails, refuses or answers for another request
     * fails the signing as a whole ({@code TimestampFailed}): nothing written, nothing stored, audited as failed.
     */
    public StoredKeySignature signPackageWithDbKey(Path packageFile, KeyId keyId, boolean storeSignature,
            Path signatureFile, Optional<java.net.URI> tsaUrl) {
        return signing.sign(new SignPackageWithStoredKeyUseCase.Command(packageFile, keyId,
                config.keyEncryptionKey(), storeSignature, Optional.of(signatureFile), tsaUrl));
    }

    /**
     * Writes a detached {@code .sig} file (Cloacina's format) atomically. Not audited: a signature
     * written here was audited when it was made.
     */
    public void writeDetachedSignature(PackageSignature signature, Path signatureFile) {
        signatureFiles.write(signatureFile, signature);
    }
}
