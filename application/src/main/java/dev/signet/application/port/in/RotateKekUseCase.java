package dev.signet.application.port.in;

import dev.signet.domain.key.KeyEncryptionKey;

public interface RotateKekUseCase {
    /**
     * Re-wraps every software key from {@code current} to {@code next} in one transaction: all keys move,
     * or none does. Keys already under {@code next} are left alone, so an interrupted rotation can be
     * run again.
     *
     * @return how many keys were re-wrapped
     * @throws dev.signet.domain.key.WrongKeyEncryptionKey when a key is under neither KEK
     */
    int rotate(KeyEncryptionKey current, KeyEncryptionKey next);
}
