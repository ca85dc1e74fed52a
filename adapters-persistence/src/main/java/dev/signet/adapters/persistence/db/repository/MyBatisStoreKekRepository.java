package dev.signet.adapters.persistence.db.repository;

import dev.signet.adapters.persistence.db.mapper.StoreKekMapper;
import dev.signet.adapters.persistence.db.tx.MyBatisTransactions;
import dev.signet.application.port.out.StoreKekRepository;
import dev.signet.domain.key.KekId;
import dev.signet.domain.key.StoreKek;
import java.util.Objects;
import java.util.Optional;

/** The store's key-encryption key in table {@code store_kek}, judged together with signing_keys' kek_id. */
public final class MyBatisStoreKekRepository implements StoreKekRepository {
    private final MyBatisTransactions transactions;

    public MyBatisStoreKekRepository(MyBatisTransactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    @Override
    public StoreKek lock() {
        return transactions.withMapper(StoreKekMapper.class, m -> {
            Optional<KekId> recorded = m.lockRecorded().stream().filter(Objects::nonNull).findFirst()
                    .map(id -> new KekId(id.strip()));
            return StoreKek.of(recorded, m.wrapping().stream().filter(Objects::nonNull)
                    .map(id -> new KekId(id.strip())).toList());
        });
    }

    @Override
    public void record(KekId current) {
        Objects.requireNonNull(current, "KEK id");
        transactions.withMapper(StoreKekMapper.class, m -> {
            if (m.update(current.value()) == 0) {
                m.insert(current.value()); // the row was deleted by hand
            }
            return null;
        });
    }
}
