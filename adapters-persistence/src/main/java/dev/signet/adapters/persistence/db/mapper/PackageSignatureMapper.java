package dev.signet.adapters.persistence.db.mapper;

import java.util.List;

/** SQL for {@code package_signatures}; statements in PackageSignatureMapper.xml. */
public interface PackageSignatureMapper {
    /** @return 1 when stored, 0 when that key's signature for that hash was already there */
    int insertIfAbsent(PackageSignatureRow row);

    /** Oldest first. */
    List<PackageSignatureRow> findByPackageHash(String packageHash);
}
