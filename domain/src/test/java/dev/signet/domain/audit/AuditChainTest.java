package dev.signet.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.domain.organization.OrganizationId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditChainTest {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    private static List<AuditRecord> chainOf(int length) {
        List<AuditRecord> chain = new ArrayList<>();
        AuditRecord previous = null;
        for (int i = 0; i < length; i++) {
            previous = AuditRecord.append(previous,
                    new AuditEvent.TrustAclGranted(OrganizationId.random(), OrganizationId.random()), T0.plusSeconds(i));
            chain.add(previous);
        }
        return chain;
    }

    private static AuditChainVerdict check(List<AuditRecord> records, long headPosition, String headHash) {
        AuditChainCheck check = new AuditChainCheck();
        records.forEach(check::accept);
        return check.verdict(headPosition, headHash);
    }

    @Test
    void a_whole_chain_verifies() {
        List<AuditRecord> chain = chainOf(5);
        AuditChainVerdict verdict = check(chain, 5, chain.get(4).hash());
        assertThat(verdict.isWhole()).isTrue();
        assertThat(verdict.recordsChecked()).isEqualTo(5);
    }

    @Test
    void an_empty_chain_is_whole() {
        assertThat(check(List.of(), 0, AuditRecord.GENESIS_HASH).isWhole()).isTrue();
    }

    @Test
    void a_deleted_record_is_named() {
        List<AuditRecord> chain = chainOf(5);
        List<AuditRecord> withoutThird = new ArrayList<>(chain);
        withoutThird.remove(2);
        assertThat(check(withoutThird, 5, chain.get(4).hash()).brokenAt()).contains(3L);
    }

    @Test
    void an_edited_record_is_named() {
        List<AuditRecord> chain = new ArrayList<>(chainOf(5));
        AuditRecord second = chain.get(1);
        chain.set(1, new AuditRecord(2, second.eventType(), second.occurredAt(),
                second.payload().replace("key.trust_acl.granted", "key.trust_acl.revoked"), second.previousHash(),
                second.hash()));
        AuditChainVerdict verdict = check(chain, 5, chain.get(4).hash());
        assertThat(verdict.brokenAt()).contains(2L);
        assertThat(verdict.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("altered"));
    }

    @Test
    void a_record_deleted_from_the_end_is_caught_by_the_head() {
        List<AuditRecord> chain = chainOf(5);
        assertThat(check(chain.subList(0, 4), 5, chain.get(4).hash()).brokenAt()).contains(5L);
    }

    @Test
    void the_payload_is_canonical_json_with_the_event_type_first() {
        OrganizationId parent = OrganizationId.random();
        OrganizationId child = OrganizationId.random();
        assertThat(AuditPayload.json(new AuditEvent.TrustAclGranted(parent, child))).isEqualTo(
                "{\"event_type\":\"key.trust_acl.granted\",\"parent_org_id\":\"" + parent + "\",\"child_org_id\":\""
                        + child + "\"}");
    }
}
