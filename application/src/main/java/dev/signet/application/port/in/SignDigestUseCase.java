package dev.signet.application.port.in;

import dev.signet.domain.Require;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.principal.Principal;
import dev.signet.domain.signature.PackageHash;
import dev.signet.domain.signature.PackageSignature;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

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

    /**
     * Signs every digest of the batch with one key, all or nothing: one transaction, one package.signed record
     * per signature; the first refusal refuses the batch (nothing stored, the refusal audited).
     */
    default List<SignedDigest> signAll(BatchCommand command) {
        throw new UnsupportedOperationException("batch signing is not offered here");
    }

    /** What an Idempotency-Key may be: 1 to 255 visible ASCII characters. */
    Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

    /**
     * @param idempotencyKey when present, a retry with the same key (by the same principal) gets the first
     *     answer back and records nothing again; the same key with another request is IdempotencyKeyReused
     */
    record Command(Principal principal, KeyId keyId, PackageHash packageHash, Optional<String> packageName,
            boolean storeSignature, Optional<String> idempotencyKey) {
        public Command {
            Require.present(principal, "principal");
            Require.present(keyId, "key id");
            Require.present(packageHash, "package hash");
            Require.present(packageName, "package name");
            packageName = packageName.map(name -> Require.name(name, 1000, "package name"));
            Require.present(idempotencyKey, "idempotency key");
            idempotencyKey.ifPresent(SignDigestUseCase::requireIdempotencyKey);
        }

        public Command(Principal principal, KeyId keyId, PackageHash packageHash, Optional<String> packageName,
                boolean storeSignature) {
            this(principal, keyId, packageHash, packageName, storeSignature, Optional.empty());
        }
    }

    /** One digest of a batch, and the name of its package for the audit. */
    record BatchItem(PackageHash packageHash, Optional<String> packageName) {
        public BatchItem {
            Require.present(packageHash, "package hash");
            Require.present(packageName, "package name");
            packageName = packageName.map(name -> Require.name(name, 1000, "package name"));
        }
    }

    /** @param items 1 to {@link #MAX_BATCH} digests */
    record BatchCommand(Principal principal, KeyId keyId, List<BatchItem> items, boolean storeSignatures) {
        public static final int MAX_BATCH = 100;

        public BatchCommand {
            Require.present(principal, "principal");
            Require.present(keyId, "key id");
            items = List.copyOf(Require.present(items, "items"));
            if (items.isEmpty() || items.size() > MAX_BATCH) {
                throw new IllegalArgumentException("a batch holds 1 to " + MAX_BATCH + " signatures, not "
                        + items.size());
            }
        }
    }

    private static void requireIdempotencyKey(String key) {
        if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("an Idempotency-Key is 1 to 255 visible ASCII characters");
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
