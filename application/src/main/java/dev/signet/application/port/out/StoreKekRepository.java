package dev.signet.application.port.out;

import dev.signet.domain.key.KekId;
import dev.signet.domain.key.StoreKek;

/** Which key-encryption key the store's software keys are wrapped under: its id, never the key. */
public interface StoreKekRepository {
    /**
     * What the store records as its KEK and the KEKs its software keys are wrapped under, read under a lock that
     * the caller's transaction holds until it ends: key creations and rotations take turns, so two of them cannot
     * both find a new store and leave it under two KEKs.
     */
    StoreKek lock();

    /** From now on the store's KEK is {@code current}. */
    void record(KekId current);
}
