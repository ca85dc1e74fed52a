package dev.signet.adapters.persistence.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.adapters.persistence.db.repository.MyBatisAuditLog;
import dev.signet.application.port.out.AuditLog;
import dev.signet.domain.audit.AuditChainVerdict;
import dev.signet.domain.audit.AuditEvent;
import dev.signet.domain.audit.AuditRecord;
import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.signature.PackageHash;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * No input makes an audit record unwritable: whatever text an event's free fields hold (paths, messages,
 * names, labels; control characters, quotes, surrogates, tens of thousands of characters), its record fits the
 * column and is stored, on H2 and on PostgreSQL, and the chain it joins still verifies as read back. A fixed
 * seed keeps the run repeatable; 200 tries per database (each writes seven records, some of 20,000 characters).
 */
class AuditRecordWidthPropertiesTest {
    private static final PackageHash HASH = new PackageHash(new byte[32]);
    private static final KeyFingerprint SIGNER = new KeyFingerprint(new byte[32]);
    private static TestDatabase h2;
    private static TestDatabase postgres;
    private static Database onH2;
    private static Database onPostgres;

    @Property(seed = "20261202", tries = 200)
    void any_text_in_any_field_makes_a_record_h2_stores(@ForAll("text") String a, @ForAll("text") String b,
            @ForAll("text") String c) {
        if (onH2 == null) {
            h2 = TestDatabase.h2();
            onH2 = h2.open();
        }
        assertStored(onH2, a, b, c);
    }

    @Property(seed = "20261202", tries = 200)
    void any_text_in_any_field_makes_a_record_postgresql_stores(@ForAll("text") String a, @ForAll("text") String b,
            @ForAll("text") String c) {
        if (onPostgres == null) {
            postgres = TestDatabase.postgres();
            onPostgres = postgres.open();
        }
        assertStored(onPostgres, a, b, c);
    }

    @Provide
    Arbitrary<String> text() {
        Arbitrary<Character> hostile = Arbitraries.oneOf(Arbitraries.chars().range('\u0000', '\u001f'),
                Arbitraries.of('"', '\\', '\u00e9', '\uFFFD', '\u2028'), Arbitraries.chars().range('\uD800', '\uDFFF'),
                Arbitraries.chars().ascii(), Arbitraries.chars());
        return Arbitraries.oneOf(hostile.list().ofMaxSize(20_000).map(AuditRecordWidthPropertiesTest::join),
                Arbitraries.strings().ofMaxLength(50));
    }

    @AfterContainer
    static void dropDatabases() throws IOException {
        for (TestDatabase db : new TestDatabase[] {h2, postgres}) {
            if (db != null) {
                db.close();
            }
        }
        h2 = null;
        postgres = null;
        onH2 = null;
        onPostgres = null;
    }

    private static void assertStored(Database database, String a, String b, String c) {
        OrganizationId org = OrganizationId.random();
        List<AuditEvent> events = List.of(
                new AuditEvent.PackageLoadFailed(org, a, Optional.of(HASH), Optional.of(SIGNER), b, c),
                new AuditEvent.PackageLoadSucceeded(org, a, HASH, Optional.empty(), false),
                new AuditEvent.PackageSignFailed(b, c),
                new AuditEvent.SigningKeyCreated(org, KeyId.random(), SIGNER, a),
                new AuditEvent.SigningKeyCreateFailed(org, b, c),
                new AuditEvent.VerificationFailed(Optional.of(org), Optional.of(HASH), a, Optional.of(SIGNER)),
                new AuditEvent.VerificationSucceeded(Optional.of(org), HASH, SIGNER, Optional.of(c)));
        long before = database.auditLog().head().position();

        List<AuditRecord> appended = database.auditLog().appendAll(events.stream()
                .map(event -> AuditSamples.occurrence(event, Samples.at(before))).toList());

        assertThat(appended).allSatisfy(record -> assertThat(record.payload().length())
                .isLessThanOrEqualTo(MyBatisAuditLog.MAX_PAYLOAD_CHARACTERS));
        // read back from this try's time on (each try's records are later than the last's)
        List<AuditRecord> stored = database.auditLog().list(Optional.empty(), Optional.of(Samples.at(before)));
        assertThat(stored).isEqualTo(appended);
        assertThat(stored).allMatch(AuditRecord::isIntact);
        if (before % 700 == 0) { // the whole chain, every hundred tries
            assertThat(AuditSamples.verify(database)).isEqualTo(AuditChainVerdict.whole(before + events.size()));
        }
    }

    private static String join(List<Character> characters) {
        StringBuilder text = new StringBuilder(characters.size());
        characters.forEach(text::append);
        return text.toString();
    }
}
