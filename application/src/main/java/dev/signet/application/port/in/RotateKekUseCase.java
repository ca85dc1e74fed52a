package dev.signet.application.port.in;

import dev.signet.domain.key.KeyEncryptionKey;
import java.util.List;

public interface RotateKekUseCase {
    /**
     * Re-wraps every software key from {@code current} to {@code next} in one transaction: all keys move,
     * or none does. Keys already under {@code next} are left alone, so an interrupted rotation can be
     * run again.
     *
     * @return how many keys were re-wrapped
     * @throws dev.signet.domain.key.WrongKeyEncryptionKey when a key is under neither KEK
     */
    default int rotate(KeyEncryptionKey current, KeyEncryptionKey next) {
        return rotate(List.of(current), next);
    }

    /**
     * As above, from any of the {@code old} KEKs: how a store whose keys are under several KEKs is repaired.
     * Afterwards {@code next} is the store's KEK, and the rotation is recorded ({@code kek.rotated}) in the same
     * transaction.
     *
     * @throws dev.signet.domain.key.WrongKeyEncryptionKey when a key is under none of them; nothing moves then
     */
    int rotate(List<KeyEncryptionKey> old, KeyEncryptionKey next);
}
