package dev.signet.domain.key;

import dev.signet.domain.SignetException;
import java.util.Collection;

/**
 * The store's software keys are wrapped under several key-encryption keys (made so before the store kept to one,
 * or by hand): no new key joins them until one rotation, given every one of them, moves them all under one.
 */
public final class MixedKeyEncryptionKeys extends SignetException {
    public MixedKeyEncryptionKeys(Collection<KekId> ids) {
        super("the store's software keys are wrapped under several key-encryption keys (" + StoreKek.list(ids)
                + "); repair it by re-wrapping them all under one: signet kek rotate --kek-file ONE_OF_THEM "
                + "--old-kek-file EACH_OTHER_ONE --new-kek-file NEW (all or nothing)");
    }
}
