package dev.signet.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.domain.organization.OrganizationId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditChainTest {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private static final AuditOrigin CLI = AuditOrigin.of(Actor.osUser("alice"));
    private static final AuditOrigin REQUEST = new AuditOrigin(new Actor("oidc", "repo:acme/app:ref:refs/heads/main"),
            Optional.of("192.0.2.7"), Optional.of("req-42"));

    private static List<AuditRecord> chainOf(int length) {
        List<AuditRecord> chain = new ArrayList<>();
        AuditRecord previous = null;
        for (int i = 0; i < length; i++) {
            previous = AuditRecord.append(previous,
                    new AuditEvent.TrustAclGranted(OrganizationId.random(), OrganizationId.random()),
                    i % 2 == 0 ? CLI : REQUEST, T0.plusSeconds(i));
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
        assertThat(AuditPayload.json(new AuditEvent.TrustAclGranted(parent, child), CLI)).isEqualTo(
                "{\"event_type\":\"key.trust_acl.granted\",\"parent_org_id\":\"" + parent + "\",\"child_org_id\":\""
                        + child + "\",\"actor_kind\":\"os_user\",\"actor_id\":\"alice\"}");
    }

    @Test
    void a_request_s_record_names_its_actor_client_address_and_request_id_after_the_event_s_fields() {
        OrganizationId parent = OrganizationId.random();
        OrganizationId child = OrganizationId.random();
        assertThat(AuditPayload.json(new AuditEvent.TrustAclRevoked(parent, child), REQUEST)).endsWith(
                "\"child_org_id\":\"" + child + "\",\"actor_kind\":\"oidc\","
                        + "\"actor_id\":\"repo:acme/app:ref:refs/heads/main\",\"client_address\":\"192.0.2.7\","
                        + "\"request_id\":\"req-42\"}");
    }

    @Test
    void a_chain_whose_records_name_their_actors_verifies() {
        List<AuditRecord> chain = chainOf(6);
        assertThat(chain).allSatisfy(record -> assertThat(record.payload()).contains("\"actor_kind\""));
        assertThat(check(chain, 6, chain.get(5).hash()).isWhole()).isTrue();
    }

    @Test
    void the_hash_covers_the_actor_so_a_record_whose_actor_was_changed_breaks_the_chain() {
        List<AuditRecord> chain = new ArrayList<>(chainOf(3));
        AuditRecord second = chain.get(1);
        chain.set(1, new AuditRecord(second.position(), second.eventType(), second.occurredAt(),
                second.payload().replace("\"actor_id\":\"repo:acme/app", "\"actor_id\":\"repo:evil/app"),
                second.previousHash(), second.hash()));
        assertThat(chain.get(1).payload()).isNotEqualTo(second.payload());
        assertThat(check(chain, 3, chain.get(2).hash()).brokenAt()).contains(2L);
    }

    @Test
    void records_written_before_the_actor_was_recorded_still_verify_and_the_chain_goes_on_after_them() {
        // as an older Signet wrote them: the payload without the origin's fields, hashed the same way
        List<AuditRecord> chain = new ArrayList<>();
        AuditRecord previous = null;
        for (int i = 0; i < 3; i++) {
            long position = i + 1;
            String previousHash = previous == null ? AuditRecord.GENESIS_HASH : previous.hash();
            String payload = "{\"event_type\":\"key.trust_acl.granted\",\"parent_org_id\":\"" + OrganizationId.random()
                    + "\",\"child_org_id\":\"" + OrganizationId.random() + "\"}";
            previous = new AuditRecord(position, "key.trust_acl.granted", T0.plusSeconds(i), payload, previousHash,
                    AuditRecord.linkHash(previousHash, position, "key.trust_acl.granted", T0.plusSeconds(i), payload));
            chain.add(previous);
        }
        chain.add(AuditRecord.append(previous, new AuditEvent.TrustAclRevoked(OrganizationId.random(),
                OrganizationId.random()), REQUEST, T0.plusSeconds(3)));
        assertThat(chain.get(0).payload()).doesNotContain("actor_kind");
        assertThat(chain.get(3).payload()).contains("\"actor_kind\":\"oidc\"");
        assertThat(check(chain, 4, chain.get(3).hash()).isWhole()).isTrue();
    }
}
