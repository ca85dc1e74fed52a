package dev.signet.adapters.persistence.db.mapper;

import java.util.List;

/** SQL for {@code store_kek}, the store's one key-encryption key; statements in StoreKekMapper.xml. */
public interface StoreKekMapper {
    /** Locks the row until the transaction ends; a list, since the row may be gone or hold NULL. */
    List<String> lockRecorded();

    /** Distinct kek_id of software keys, revoked ones included. */
    List<String> wrapping();

    /** @return rows changed: 0 if the row is gone */
    int update(String kekId);

    void insert(String kekId);
}
