package dev.signet.adapters.persistence.db.repository;

import dev.signet.adapters.persistence.db.mapper.IdempotentAnswerMapper;
import dev.signet.adapters.persistence.db.mapper.IdempotentAnswerRow;
import dev.signet.adapters.persistence.db.tx.MyBatisTransactions;
import dev.signet.application.port.out.IdempotentAnswers;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Idempotency-Key answers in table {@code idempotent_answers}; its primary key is the claim. */
public final class MyBatisIdempotentAnswers implements IdempotentAnswers {
    private final MyBatisTransactions transactions;

    public MyBatisIdempotentAnswers(MyBatisTransactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    @Override
    public Optional<StoredAnswer> find(Scope scope) {
        return Optional.ofNullable(transactions.withMapper(IdempotentAnswerMapper.class,
                m -> m.find(scope.principalKind(), scope.principalId(), scope.key())))
                .map(row -> new StoredAnswer(row.requestHash(), row.answer(), row.createdAt()));
    }

    @Override
    public boolean claim(Scope scope, String requestHash, Instant at) {
        IdempotentAnswerRow row = new IdempotentAnswerRow(scope.principalKind(), scope.principalId(), scope.key(),
                requestHash, null, at);
        return transactions.withSession(session -> {
            try {
                // the insert waits for a transaction holding the same key; its violation means that one committed
                Savepoints.attempt(session, () -> {
                    session.getMapper(IdempotentAnswerMapper.class).insert(row);
                    return null;
                });
                return true;
            } catch (RuntimeException e) {
                if (ConstraintViolation.find(e).filter(ConstraintViolation::isUnique).isPresent()) {
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public void complete(Scope scope, byte[] answer) {
        int updated = transactions.withMapper(IdempotentAnswerMapper.class,
                m -> m.complete(scope.principalKind(), scope.principalId(), scope.key(), answer.clone()));
        if (updated != 1) {
            throw new IllegalStateException("the Idempotency-Key's answer was not recorded: the key is not claimed");
        }
    }

    @Override
    public void forget(Scope scope) {
        transactions.withMapper(IdempotentAnswerMapper.class,
                m -> m.delete(scope.principalKind(), scope.principalId(), scope.key()));
    }

    @Override
    public int forgetCreatedBefore(Instant cutoff) {
        return transactions.withMapper(IdempotentAnswerMapper.class, m -> m.deleteCreatedBefore(cutoff));
    }
}
