package dev.signet.application.service;

import dev.signet.application.port.in.RotateKekUseCase;
import dev.signet.application.port.out.PrivateKeyWrapper;
import dev.signet.application.port.out.SigningKeyRepository;
import dev.signet.application.port.out.Transactions;
import dev.signet.domain.key.Ed25519PrivateKey;
import dev.signet.domain.key.KeyCustody;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.key.WrongKeyEncryptionKey;

public final class KekRotationService implements RotateKekUseCase {
    private final SigningKeyRepository signingKeys;
    private final PrivateKeyWrapper wrapper;
    private final Transactions transactions;

    public KekRotationService(SigningKeyRepository signingKeys, PrivateKeyWrapper wrapper,
            Transactions transactions) {
        this.signingKeys = signingKeys;
        this.wrapper = wrapper;
        this.transactions = transactions;
    }

    @Override
    public int rotate(KeyEncryptionKey current, KeyEncryptionKey next) {
        return transactions.inTransaction(() -> {
            int rewrapped = 0;
            for (SigningKey key : signingKeys.listSoftwareKeys()) {
                KeyCustody.Software custody = (KeyCustody.Software) key.custody();
                if (custody.kekId().equals(next.id())) {
                    continue; // moved by an earlier, interrupted run
                }
                if (!custody.kekId().equals(current.id())) {
                    throw new WrongKeyEncryptionKey(key.id(), custody.kekId(), current.id());
                }
                try (Ed25519PrivateKey privateKey = wrapper.unwrap(custody, current, key.id(), key.organizationId())) {
                    signingKeys.replaceCustody(key.id(), wrapper.wrap(privateKey, next, key.id(), key.organizationId()));
                }
                rewrapped++;
            }
            return rewrapped;
        });
    }
}
