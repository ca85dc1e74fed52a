package dev.signet.application.service;

import dev.signet.application.port.in.RotateKekUseCase;
import dev.signet.application.port.out.AuditTrail;
import dev.signet.application.port.out.PrivateKeyWrapper;
import dev.signet.application.port.out.SigningKeyRepository;
import dev.signet.application.port.out.StoreKekRepository;
import dev.signet.application.port.out.Transactions;
import dev.signet.domain.audit.AuditEvent;
import dev.signet.domain.key.Ed25519PrivateKey;
import dev.signet.domain.key.KekId;
import dev.signet.domain.key.KeyCustody;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.key.WrongKeyEncryptionKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class KekRotationService implements RotateKekUseCase {
    private final SigningKeyRepository signingKeys;
    private final StoreKekRepository storeKek;
    private final PrivateKeyWrapper wrapper;
    private final Transactions transactions;
    private final AuditTrail audit;

    public KekRotationService(SigningKeyRepository signingKeys, StoreKekRepository storeKek, PrivateKeyWrapper wrapper,
            Transactions transactions, AuditTrail audit) {
        this.signingKeys = signingKeys;
        this.storeKek = storeKek;
        this.wrapper = wrapper;
        this.transactions = transactions;
        this.audit = audit;
    }

    @Override
    public int rotate(List<KeyEncryptionKey> old, KeyEncryptionKey next) {
        Map<KekId, KeyEncryptionKey> byId = new LinkedHashMap<>();
        old.forEach(kek -> byId.putIfAbsent(kek.id(), kek));
        List<KekId> given = List.copyOf(byId.keySet());
        return transactions.inTransaction(() -> {
            storeKek.lock(); // key creations wait until the store is under the new KEK
            int rewrapped = 0;
            for (SigningKey key : signingKeys.listSoftwareKeys()) {
                KeyCustody.Software custody = (KeyCustody.Software) key.custody();
                if (custody.kekId().equals(next.id())) {
                    continue; // moved by an earlier, interrupted run
                }
                KeyEncryptionKey from = byId.get(custody.kekId());
                if (from == null) {
                    throw new WrongKeyEncryptionKey(key.id(), custody.kekId(), given);
                }
                try (Ed25519PrivateKey privateKey = wrapper.unwrap(custody, from, key.id(), key.organizationId())) {
                    signingKeys.replaceCustody(key.id(), wrapper.wrap(privateKey, next, key.id(), key.organizationId()));
                }
                rewrapped++;
            }
            storeKek.record(next.id());
            audit.record(new AuditEvent.KekRotated(given, next.id(), rewrapped));
            return rewrapped;
        });
    }
}
