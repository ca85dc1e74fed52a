package dev.signet.application.port.out;

import dev.signet.domain.Require;
import java.time.Instant;
import java.util.Optional;

/**
 * The first answer to each signing request that carried an {@code Idempotency-Key}, by principal and key, kept in
 * the database so that a retry sent to any node gets it back. Every call joins the caller's transaction: a claim,
 * the signature and its audit record commit together or not at all.
 */
public interface IdempotentAnswers {

    /** Whose key it is: a key is the principal's own, another principal's equal key is another request. */
    record Scope(String principalKind, String principalId, String key) {
        public Scope {
            Require.present(principalKind, "principal kind");
            Require.present(principalId, "principal id");
            Require.present(key, "idempotency key");
        }
    }

    /**
     * @param requestHash SHA-256 (hex) of what the request asked, to tell a retry from another request
     * @param answer the answer's exact bytes (a {@code .sig} file, or a batch's JSON)
     */
    record StoredAnswer(String requestHash, byte[] answer, Instant createdAt) {
        public StoredAnswer {
            Require.present(requestHash, "request hash");
            answer = Require.present(answer, "answer").clone();
            Require.present(createdAt, "created at");
        }

        @Override
        public byte[] answer() {
            return answer.clone();
        }
    }

    /** The committed answer for the scope, however old. */
    Optional<StoredAnswer> find(Scope scope);

    /**
     * Takes the key for this transaction. When another transaction holds it, waits for that one to end (the
     * database's unique constraint decides), and returns false if it committed.
     */
    boolean claim(Scope scope, String requestHash, Instant at);

    /** Records the answer of a claimed key (before the transaction commits). */
    void complete(Scope scope, byte[] answer);

    /** Drops a stored answer (one that is past keeping), so that the key can be claimed again. */
    void forget(Scope scope);

    /** Drops every answer created before {@code cutoff}; returns how many. */
    int forgetCreatedBefore(Instant cutoff);
}
