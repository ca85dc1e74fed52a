package dev.signet.adapters.persistence.db;

import static dev.signet.adapters.persistence.db.AuditSamples.appendGranted;
import static dev.signet.adapters.persistence.db.AuditSamples.granted;
import static dev.signet.adapters.persistence.db.AuditSamples.tamper;
import static dev.signet.adapters.persistence.db.AuditSamples.verify;
import static dev.signet.adapters.persistence.db.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.adapters.persistence.db.repository.AuditChainDamaged;
import dev.signet.domain.audit.AuditChainVerdict;
import dev.signet.domain.audit.AuditRecord;
import java.sql.SQLException;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Changes made to the audit tables behind Signet's back, through raw JDBC, are found and named. */
class AuditTamperingTest {

    @OnEveryDatabase
    void a_record_deleted_from_the_middle_is_named(TestDatabase db) throws Exception {
        Database database = db.open();
        appendGranted(database, 5);

        assertThat(tamper(db, "DELETE FROM audit_events WHERE position = 3")).isEqualTo(1);

        AuditChainVerdict verdict = verify(database);
        assertThat(verdict.brokenAt()).contains(3L);
        assertThat(verdict.reason()).hasValue("record 3 is missing");
        assertThat(verdict.recordsChecked()).isEqualTo(2);
    }

    @OnEveryDatabase
    void an_edited_payload_is_named(TestDatabase db) throws Exception {
        Database database = db.open();
        appendGranted(database, 5);

        assertThat(tamper(db, "UPDATE audit_events SET payload = REPLACE(payload, 'granted', 'revoked')"
                + " WHERE position = 2")).isEqualTo(1);

        AuditChainVerdict verdict = verify(database);
        assertThat(verdict.brokenAt()).contains(2L);
        assertThat(verdict.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("altered"));
    }

    @OnEveryDatabase
    void an_edited_time_is_named(TestDatabase db) throws Exception {
        Database database = db.open();
        appendGranted(database, 3);

        assertThat(tamper(db, "UPDATE audit_events SET occurred_at = occurred_at + INTERVAL '1' HOUR"
                + " WHERE position = 3")).isEqualTo(1);

        assertThat(verify(database).brokenAt()).contains(3L);
    }

    @OnEveryDatabase
    void the_last_record_deleted_is_named_through_the_head(TestDatabase db) throws Exception {
        Database database = db.open();
        appendGranted(database, 5);

        assertThat(tamper(db, "DELETE FROM audit_events WHERE position = 5")).isEqualTo(1);

        AuditChainVerdict verdict = verify(database);
        assertThat(verdict.brokenAt()).contains(5L);
        assertThat(verdict.reason()).hasValue("record 5 is missing");
    }

    /** Linking past a damaged tail would bury the damage under new records; appends stop until it is seen to. */
    @OnEveryDatabase
    void no_record_is_appended_after_a_deleted_last_record(TestDatabase db) throws Exception {
        Database database = db.open();
        appendGranted(database, 2);
        tamper(db, "DELETE FROM audit_events WHERE position = 2");

        assertThatThrownBy(() -> database.auditLog().append(AuditSamples.occurrence(granted(), at(9))))
                .isInstanceOf(AuditChainDamaged.class)
                .hasMessage("cannot append to the audit chain: record 2, the last one its head names, is missing");
        assertThat(database.auditLog().head().position()).isEqualTo(2);
    }

    @OnEveryDatabase
    void no_record_is_appended_when_the_last_record_does_not_match_the_head(TestDatabase db) throws Exception {
        Database database = db.open();
        List<AuditRecord> records = appendGranted(database, 2);
        tamper(db, "UPDATE audit_chain_head SET last_hash = '" + records.get(0).hash() + "'");

        assertThatThrownBy(() -> database.auditLog().append(AuditSamples.occurrence(granted(), at(9))))
                .isInstanceOf(AuditChainDamaged.class)
                .hasMessage("cannot append to the audit chain: record 2 does not match the chain head");
        assertThat(verify(database).brokenAt()).contains(2L);
    }

    @OnEveryDatabase
    void a_deleted_head_is_reported_rather_than_taken_for_an_empty_chain(TestDatabase db) throws Exception {
        Database database = db.open();
        appendGranted(database, 1);
        tamper(db, "DELETE FROM audit_chain_head");

        assertThatThrownBy(() -> verify(database)).isInstanceOf(AuditChainDamaged.class)
                .hasMessageContaining("audit chain head");
        assertThatThrownBy(() -> database.auditLog().append(AuditSamples.occurrence(granted(), at(1)))).isInstanceOf(AuditChainDamaged.class);
    }

    @OnEveryDatabase
    void the_schema_keeps_one_head_row_and_unique_positions_and_hashes(TestDatabase db) throws Exception {
        Database database = db.open();
        appendGranted(database, 1);

        RawJdbc.assertRefusedByCheck(() -> tamper(db, "INSERT INTO audit_chain_head (id, last_position, last_hash)"
                + " VALUES (2, 0, '" + AuditRecord.GENESIS_HASH + "')"), "ck_audit_chain_head_single");
        assertRefusedAsDuplicate(() -> tamper(db, copyOfRecordOne("1", "'f' || SUBSTRING(hash, 2)")));
        assertRefusedAsDuplicate(() -> tamper(db, copyOfRecordOne("2", "hash")));
    }

    private static String copyOfRecordOne(String position, String hash) {
        return "INSERT INTO audit_events (position, event_type, occurred_at, payload, previous_hash, hash)"
                + " SELECT " + position + ", event_type, occurred_at, payload, previous_hash, " + hash
                + " FROM audit_events WHERE position = 1";
    }

    private static void assertRefusedAsDuplicate(ThrowingCallable statement) {
        assertThatThrownBy(statement).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("23505"));
    }
}
