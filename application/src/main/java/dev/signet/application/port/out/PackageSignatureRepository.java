package dev.signet.application.port.out;

import dev.signet.domain.key.KeyId;
import dev.signet.domain.signature.PackageHash;
import dev.signet.domain.signature.PackageSignature;
import java.util.List;

public interface PackageSignatureRepository {
    /**
     * Stores a signature made by a stored signing key.
     *
     * @return false, storing nothing, when that key's signature for that package hash is already stored
     */
    boolean addIfAbsent(PackageSignature signature, KeyId signingKey);

    /** Every stored signature for the hash, oldest first. */
    List<PackageSignature> findByPackageHash(PackageHash packageHash);
}
