package dev.signet.application.service;

import dev.signet.application.port.in.CreateTokenKekUseCase;
import dev.signet.application.port.out.AuditTrail;
import dev.signet.application.port.out.TokenKekGenerator;
import dev.signet.application.port.out.Transactions;
import dev.signet.domain.audit.AuditEvent;
import dev.signet.domain.key.KeyEncryptionKey;
import java.util.Optional;

public final class KekCreationService implements CreateTokenKekUseCase {
    private final Optional<TokenKekGenerator> token;
    private final Transactions transactions;
    private final AuditTrail audit;

    public KekCreationService(Optional<TokenKekGenerator> token, Transactions transactions, AuditTrail audit) {
        this.token = token;
        this.transactions = transactions;
        this.audit = audit;
    }

    /**
     * The token cannot join the database's transaction, and a transaction may be run twice: so the key is made
     * first and recorded after. Should the record fail, the command fails, and the token holds a KEK that wraps
     * nothing yet.
     */
    @Override
    public KeyEncryptionKey.InToken createInToken(String label) {
        KeyEncryptionKey.InToken kek = KeyEncryptionKey.inToken(label); // checks the label before the token sees it
        token.orElseThrow(HsmNotConfigured::new).generate(kek.label());
        transactions.run(() -> audit.record(new AuditEvent.KekCreated(kek.id(), kek.label())));
        return kek;
    }
}
