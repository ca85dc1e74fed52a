package dev.signet.application.port.in;

import dev.signet.domain.Require;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.signature.PackageSignature;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/** Sign a package with a signing key kept by Signet, optionally recording the signature in the database. */
public interface SignPackageWithStoredKeyUseCase {

    /**
     * @throws dev.signet.domain.key.SigningKeyRevoked when the key was revoked
     * @throws dev.signet.domain.NotFound when there is no such key
     * @throws dev.signet.application.port.out.SignatureFileNotWritten when the command names a signature file
     *     that cannot be written
     */
    StoredKeySignature sign(Command command);

    /**
     * {@code kek} is needed for software keys, not for keys held by an HSM. With a {@code signatureFile}, the
     * detached signature is written there before the signing counts as done: if the file cannot be written, the
     * signing fails as a whole (nothing stored, audited as failed). With a {@code tsaUrl}, the signature is
     * timestamped by that RFC 3161 TSA first; a TSA that gives no token that holds fails the signing as a whole
     * too (TimestampFailed).
     */
    record Command(Path packageFile, KeyId keyId, Optional<KeyEncryptionKey> kek, boolean storeSignature,
            Optional<Path> signatureFile, Optional<URI> tsaUrl) {
        public Command {
            Require.present(packageFile, "package file");
            Require.present(keyId, "key id");
            Require.present(kek, "key-encryption key");
            Require.present(signatureFile, "signature file");
            Require.present(tsaUrl, "TSA URL");
        }

        public Command(Path packageFile, KeyId keyId, Optional<KeyEncryptionKey> kek, boolean storeSignature,
                Optional<Path> signatureFile) {
            this(packageFile, keyId, kek, storeSignature, signatureFile, Optional.empty());
        }

        /** Signs without writing a signature file. */
        public Command(Path packageFile, KeyId keyId, Optional<KeyEncryptionKey> kek, boolean storeSignature) {
            this(packageFile, keyId, kek, storeSignature, Optional.empty());
        }
    }

    /** {@code stored} is false when not asked to store, or when this key's signature was already stored. */
    record StoredKeySignature(PackageSignature signature, KeyId keyId, boolean stored) {
        public StoredKeySignature {
            Require.present(signature, "signature");
            Require.present(keyId, "key id");
        }
    }
}
