package dev.signet.application.port.in;

import dev.signet.domain.Require;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.principal.Principal;
import dev.signet.domain.signature.PackageHash;
import dev.signet.domain.signature.PackageSignature;
import java.util.Optional;

/**
 * Sign a package the caller hashed (the package never travels) with a key Signet keeps, for an authenticated
 * principal: a signer of the key's organization whose scope names the key. Audited as package.signed, durable
 * before the signature is returned.
 */
public interface SignDigestUseCase {

    /**
     * @throws dev.signet.domain.principal.Forbidden when the principal may not sign with the key (another
     *     organization's key, outside its scope, or not a signer)
     * @throws dev.signet.domain.NotFound when its organization has no such key
     * @throws dev.signet.domain.key.SigningKeyRevoked when the key was revoked
     */
    SignedDigest sign(Command command);

    record Command(Principal principal, KeyId keyId, PackageHash packageHash, Optional<String> packageName,
            boolean storeSignature) {
        public Command {
            Require.present(principal, "principal");
            Require.present(keyId, "key id");
            Require.present(packageHash, "package hash");
            Require.present(packageName, "package name");
            packageName = packageName.map(name -> Require.name(name, 1000, "package name"));
        }
    }

    /** The signature and the exact bytes of its detached {@code .sig} file (compat.md). */
    record SignedDigest(PackageSignature signature, KeyId keyId, byte[] signatureFile) {
        public SignedDigest {
            Require.present(signature, "signature");
            Require.present(keyId, "key id");
            signatureFile = Require.present(signatureFile, "signature file").clone();
        }

        @Override
        public byte[] signatureFile() {
            return signatureFile.clone();
        }
    }
}
