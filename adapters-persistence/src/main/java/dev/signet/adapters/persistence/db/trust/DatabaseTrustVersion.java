package dev.signet.adapters.persistence.db.trust;

import dev.signet.adapters.persistence.db.mapper.TrustVersionMapper;
import dev.signet.adapters.persistence.db.mapper.TrustVersionRow;
import dev.signet.adapters.persistence.db.tx.MyBatisTransactions;
import dev.signet.application.port.out.TrustVersion;
import java.util.Objects;
import java.util.Optional;

/**
 * The trust version of table {@code trust_version}. {@link #latest()} comes from the PostgreSQL listener while
 * it listens, with no round trip; otherwise (H2, or the listener reconnecting) it is read from the table.
 */
public final class DatabaseTrustVersion implements TrustVersion, AutoCloseable {
    private final MyBatisTransactions transactions;
    private final Optional<TrustChangeListener> listener;

    public DatabaseTrustVersion(MyBatisTransactions transactions, Optional<TrustChangeListener> listener) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public Stamp current() {
        TrustVersionRow row = transactions.withMapper(TrustVersionMapper.class, TrustVersionMapper::read);
        if (row == null || row.version() == null || row.epoch() == null) {
            throw missingRow();
        }
        return new Stamp(row.version(), row.epoch());
    }

    @Override
    public Stamp latest() {
        if (listener.isPresent()) {
            Optional<Stamp> pushed = listener.get().latest();
            if (pushed.isPresent()) {
                return pushed.get();
            }
        }
        return current();
    }

    /** Whether {@link #latest()} now answers from the listener, without a query. */
    public boolean isListening() {
        return listener.map(TrustChangeListener::isListening).orElse(false);
    }

    @Override
    public void close() {
        listener.ifPresent(TrustChangeListener::close);
    }

    static IllegalStateException missingRow() {
        return new IllegalStateException("the trust version (table trust_version, row 1) is missing; "
                + "the schema is damaged");
    }
}
