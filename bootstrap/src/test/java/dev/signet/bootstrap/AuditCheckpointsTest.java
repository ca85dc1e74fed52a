package dev.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.adapters.persistence.db.OnEveryDatabase;
import dev.signet.adapters.persistence.db.TestDatabase;
import dev.signet.application.port.in.AuditCheckpointUseCase;
import dev.signet.application.port.in.AuditCheckpointUseCase.CheckpointCommand;
import dev.signet.application.port.in.SecurityConfig;
import dev.signet.bootstrap.support.Keks;
import dev.signet.domain.audit.AuditChainVerdict;
import dev.signet.domain.audit.AuditRecord;
import dev.signet.domain.audit.InvalidAuditCheckpoint;
import dev.signet.domain.audit.SignedAuditCheckpoint;
import dev.signet.domain.key.KeyEncryptionKeyRequired;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.signature.Ed25519Signature;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/** Audit checkpoints through the Java facade: taken, kept in a file, and the chain checked against them. */
class AuditCheckpointsTest {
    @TempDir
    Path dir;

    @OnEveryDatabase
    void a_checkpoint_taken_through_the_facade_catches_a_tail_cut_below_it(TestDatabase db) throws Exception {
        try (Signet signet = Signet.builder().jdbcUrl(db.url(), db.user(), db.password())
                .securityConfig(SecurityConfig.builder().keyEncryptionKey(Keks.random()).build()).build()) {
            KeyManager keys = signet.keyManager();
            SigningKey auditKey = keys.createSigningKey(keys.createOrganization("audit").id(), "checkpoints");
            keys.createSigningKey(keys.createOrganization("acme").id(), "release");
            AuditCheckpointUseCase checkpoints = signet.auditCheckpoints();
            Path file = dir.resolve("checkpoint.json");

            SignedAuditCheckpoint taken = checkpoints.checkpoint(new CheckpointCommand(auditKey.id(),
                    signet.securityConfig().keyEncryptionKey(), Optional.of(file)));

            long head = signet.audit().list(Optional.empty(), Optional.empty()).size();
            assertThat(taken.position()).isEqualTo(head - 1);
            assertThat(taken.keyFingerprint()).isEqualTo(auditKey.fingerprint());
            AuditRecord recorded = signet.audit().list(Optional.of("audit.checkpoint"), Optional.empty()).get(0);
            assertThat(recorded.position()).isEqualTo(head);
            assertThat(recorded.payload()).contains("\"signature\":\"" + taken.signature().base64() + "\"");
            SignedAuditCheckpoint kept = checkpoints.read(file);
            assertThat(kept).isEqualTo(taken);
            assertThat(checkpoints.verify(kept, Optional.of(auditKey.publicKey())).isWhole()).isTrue();
            assertThat(checkpoints.verify(kept, Optional.empty()).isWhole()).isTrue();

            SignedAuditCheckpoint altered = new SignedAuditCheckpoint(kept.checkpoint(), kept.keyId(),
                    kept.keyFingerprint(), new Ed25519Signature(new byte[64]));
            assertThatThrownBy(() -> checkpoints.verify(altered, Optional.of(auditKey.publicKey())))
                    .isInstanceOf(InvalidAuditCheckpoint.class)
                    .hasMessageStartingWith("the checkpoint of record " + kept.position() + " is not valid");

            execute(db, List.of("DELETE FROM audit_events WHERE position >= " + kept.position(),
                    "UPDATE audit_chain_head SET last_position = " + (kept.position() - 1) + ", last_hash = "
                            + "(SELECT hash FROM audit_events WHERE position = " + (kept.position() - 1) + ")"));
            assertThat(signet.audit().verify().isWhole()).isTrue();
            AuditChainVerdict cut = checkpoints.verify(kept, Optional.of(auditKey.publicKey()));
            assertThat(cut.brokenAt()).contains(kept.position());
        }
    }

    @OnEveryDatabase
    void a_software_audit_key_without_the_kek_takes_no_checkpoint(TestDatabase db) {
        try (Signet signet = Signet.builder().jdbcUrl(db.url(), db.user(), db.password())
                .securityConfig(SecurityConfig.builder().keyEncryptionKey(Keks.random()).build()).build()) {
            SigningKey auditKey = signet.keyManager().createSigningKey(
                    signet.keyManager().createOrganization("audit").id(), "checkpoints");
            long before = signet.audit().list(Optional.empty(), Optional.empty()).size();

            assertThatThrownBy(() -> signet.auditCheckpoints().checkpoint(new CheckpointCommand(auditKey.id(),
                    Optional.empty(), Optional.of(dir.resolve("checkpoint.json")))))
                    .isInstanceOf(KeyEncryptionKeyRequired.class);

            assertThat(signet.audit().list(Optional.empty(), Optional.empty())).hasSize((int) before);
            assertThat(dir.resolve("checkpoint.json")).doesNotExist();
        }
    }

    private static void execute(TestDatabase db, List<String> statements) throws Exception {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                assertThat(statement.executeUpdate(sql)).as(sql).isPositive();
            }
        }
    }
}
