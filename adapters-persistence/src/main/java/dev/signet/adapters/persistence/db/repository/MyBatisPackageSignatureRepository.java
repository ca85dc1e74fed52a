package dev.signet.adapters.persistence.db.repository;

import dev.signet.adapters.persistence.db.mapper.PackageSignatureMapper;
import dev.signet.adapters.persistence.db.mapper.PackageSignatureRow;
import dev.signet.adapters.persistence.db.tx.MyBatisTransactions;
import dev.signet.application.port.out.PackageSignatureRepository;
import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.signature.Ed25519Signature;
import dev.signet.domain.signature.PackageHash;
import dev.signet.domain.signature.PackageSignature;
import dev.signet.domain.time.TimestampToken;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Signatures made by stored signing keys, in table {@code package_signatures}: one per key and package hash. */
public final class MyBatisPackageSignatureRepository implements PackageSignatureRepository {
    private final MyBatisTransactions transactions;

    public MyBatisPackageSignatureRepository(MyBatisTransactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /** @throws dev.signet.domain.Conflict when the signing key does not exist */
    @Override
    public boolean addIfAbsent(PackageSignature signature, KeyId signingKey) {
        PackageSignatureRow row = new PackageSignatureRow(UUID.randomUUID(), signature.packageHash().hex(),
                signature.keyFingerprint().hex(), signature.signature().bytes(), signature.signedAt(),
                signingKey.value(), signature.timestampToken().map(TimestampToken::der).orElse(null));
        return transactions.withSession(session -> {
            try {
                return Savepoints.attempt(session,
                        () -> session.getMapper(PackageSignatureMapper.class).insertIfAbsent(row) == 1);
            } catch (RuntimeException e) {
                // A concurrent transaction stored the same signature between our NOT EXISTS and our insert:
                // it is stored, which is all the caller asked for.
                if (ConstraintViolation.find(e).filter(ConstraintViolation::isUnique).isPresent()) {
                    return false;
                }
                throw ConstraintViolation.translate(e, violation -> "signing key " + signingKey + " does not exist");
            }
        });
    }

    @Override
    public List<PackageSignature> findByPackageHash(PackageHash packageHash) {
        return transactions.withMapper(PackageSignatureMapper.class, m -> m.findByPackageHash(packageHash.hex()))
                .stream().map(MyBatisPackageSignatureRepository::toDomain).toList();
    }

    private static PackageSignature toDomain(PackageSignatureRow row) {
        return new PackageSignature(PackageHash.fromHex(row.packageHash()), KeyFingerprint.fromHex(row.keyFingerprint()),
                new Ed25519Signature(row.signature()), row.signedAt(),
                Optional.ofNullable(row.timestampToken()).map(TimestampToken::new));
    }
}
