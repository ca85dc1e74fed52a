package dev.signet.domain.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.revocation.Revocation;
import dev.signet.domain.time.TimeBasis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The trust rule at a time basis: revocation reasons, effective times and validity windows (issue 14). */
class TimedTrustRuleTest {
    private static final Instant ADDED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T = Instant.parse("2026-06-01T00:00:00Z");
    private static final Instant RECORDED = Instant.parse("2026-07-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-08-01T00:00:00Z");

    private final OrganizationId parent = OrganizationId.random();
    private final OrganizationId child = OrganizationId.random();
    private final OrganizationId sibling = OrganizationId.random();
    private final List<TrustedKey> keys = new ArrayList<>();
    private final List<TrustAcl> acls = new ArrayList<>();
    private final Ed25519PublicKey key = publicKey(1);

    // retired at T

    @Test
    void a_signature_timestamped_before_a_retirement_still_verifies() {
        revoked(parent, Revocation.retired(T));
        assertThat(trusts(parent, trustedAt(T.minusSeconds(1)))).isTrue();
    }

    @Test
    void a_signature_timestamped_at_the_retirement_fails() {
        revoked(parent, Revocation.retired(T));
        assertThat(trusts(parent, trustedAt(T))).isFalse();
    }

    @Test
    void a_signature_timestamped_after_the_retirement_fails() {
        revoked(parent, Revocation.retired(T));
        assertThat(trusts(parent, trustedAt(T.plusSeconds(1)))).isFalse();
    }

    @Test
    void a_signature_without_a_trusted_timestamp_by_a_retired_key_fails() {
        revoked(parent, Revocation.retired(T));
        assertThat(trusts(parent, TimeBasis.currentTime(NOW))).isFalse();
        assertThat(trusts(parent, TimeBasis.currentTime(T.minusSeconds(86_400)))).as("whatever the current time")
                .isFalse();
    }

    // compromised at T (recorded later)

    @Test
    void a_signature_timestamped_before_the_compromise_still_verifies() {
        revoked(parent, Revocation.compromised(T, RECORDED));
        assertThat(trusts(parent, trustedAt(T.minusSeconds(1)))).isTrue();
    }

    @Test
    void no_signature_timestamped_at_or_after_the_compromise_verifies_even_before_it_was_recorded() {
        revoked(parent, Revocation.compromised(T, RECORDED));
        assertThat(trusts(parent, trustedAt(T))).isFalse();
        assertThat(trusts(parent, trustedAt(RECORDED.minusSeconds(1)))).isFalse();
        assertThat(trusts(parent, trustedAt(RECORDED.plusSeconds(1)))).isFalse();
    }

    @Test
    void no_signature_without_a_trusted_timestamp_by_a_compromised_key_verifies() {
        revoked(parent, Revocation.compromised(T, RECORDED));
        assertThat(trusts(parent, TimeBasis.currentTime(NOW))).isFalse();
    }

    @Test
    void a_compromise_dated_before_the_key_was_trusted_kills_every_timestamped_signature_after_it() {
        revoked(parent, Revocation.compromised(ADDED.minusSeconds(86_400), RECORDED));
        assertThat(trusts(parent, trustedAt(ADDED.plusSeconds(1)))).isFalse();
        assertThat(trusts(parent, trustedAt(ADDED.minusSeconds(86_401)))).isTrue();
    }

    @Test
    void the_denial_names_the_revocation_that_covers_the_signature() {
        revoked(parent, Revocation.compromised(T, RECORDED));
        trusted(child, ValidityWindow.ALWAYS);
        grant(parent, child);
        TrustExplanation explanation = rule().explanation(parent, key.fingerprint(), trustedAt(T));
        assertThat(explanation).isInstanceOfSatisfying(TrustExplanation.Denied.class, denied -> {
            assertThat(denied.denies()).singleElement().satisfies(deny -> {
                assertThat(deny.revocation()).isEqualTo(Revocation.compromised(T, RECORDED));
                assertThat(deny.describe()).contains("compromised, effective " + T);
            });
        });
        assertThat(rule().explanation(parent, key.fingerprint(), trustedAt(T.minusSeconds(1))))
                .isInstanceOf(TrustExplanation.Trusted.class);
    }

    // deny wins, for the signatures the reason covers

    @Test
    void a_parent_trusting_only_through_a_child_that_retired_the_key_keeps_the_signatures_made_before() {
        trusted(sibling, ValidityWindow.ALWAYS);
        revoked(child, Revocation.retired(T));
        grant(parent, child);
        assertThat(trusts(parent, trustedAt(T.minusSeconds(1)))).isTrue();
        assertThat(trusts(parent, trustedAt(T))).isFalse();
        assertThat(trusts(parent, TimeBasis.currentTime(NOW))).isFalse();
    }

    @Test
    void a_path_through_a_child_whose_deny_covers_the_signature_does_not_count() {
        revoked(child, Revocation.compromised(T, RECORDED));
        trusted(sibling, ValidityWindow.ALWAYS);
        grant(parent, child);
        grant(child, sibling);
        assertThat(rule().explanation(parent, key.fingerprint(), trustedAt(T.plusSeconds(1))))
                .isInstanceOf(TrustExplanation.Denied.class);
        assertThat(rule().explain(parent, key.fingerprint(), trustedAt(T.minusSeconds(1))))
                .as("the deny does not cover a signature made before the compromise: the child's revoked key vouches")
                .hasValueSatisfying(path -> assertThat(path.organizations()).containsExactly(parent, child));
    }

    @Test
    void another_path_around_a_covering_deny_still_counts() {
        revoked(child, Revocation.retired(T));
        trusted(sibling, ValidityWindow.ALWAYS);
        grant(parent, child);
        grant(child, sibling);
        grant(parent, sibling);
        assertThat(rule().explain(parent, key.fingerprint(), TimeBasis.currentTime(NOW)))
                .hasValueSatisfying(path -> assertThat(path.organizations()).containsExactly(parent, sibling));
    }

    @Test
    void a_covering_deny_of_the_verifying_organization_itself_wins_over_every_child() {
        revoked(parent, Revocation.retired(T));
        trusted(child, ValidityWindow.ALWAYS);
        grant(parent, child);
        assertThat(trusts(parent, TimeBasis.currentTime(NOW))).isFalse();
        assertThat(trusts(parent, trustedAt(T.minusSeconds(1)))).isTrue();
        assertThat(trusts(child, TimeBasis.currentTime(NOW))).as("the deny binds the denier, not its children")
                .isTrue();
    }

    // validity windows

    @Test
    void a_signature_judged_inside_the_window_verifies_and_the_edges_are_inside() {
        Instant from = Instant.parse("2026-02-01T00:00:00Z");
        Instant until = Instant.parse("2026-03-01T00:00:00Z");
        trusted(parent, new ValidityWindow(Optional.of(from), Optional.of(until)));
        assertThat(trusts(parent, trustedAt(from))).isTrue();
        assertThat(trusts(parent, trustedAt(until))).isTrue();
        assertThat(trusts(parent, TimeBasis.currentTime(from.plusSeconds(60)))).isTrue();
    }

    @Test
    void a_signature_judged_outside_the_window_is_untrusted() {
        Instant from = Instant.parse("2026-02-01T00:00:00Z");
        Instant until = Instant.parse("2026-03-01T00:00:00Z");
        trusted(parent, new ValidityWindow(Optional.of(from), Optional.of(until)));
        assertThat(trusts(parent, trustedAt(from.minusSeconds(1)))).isFalse();
        assertThat(trusts(parent, trustedAt(until.plusSeconds(1)))).isFalse();
        assertThat(rule().explanation(parent, key.fingerprint(), TimeBasis.currentTime(NOW)))
                .isInstanceOfSatisfying(TrustExplanation.OutsideValidity.class,
                        outside -> assertThat(outside.time()).isEqualTo(NOW));
    }

    @Test
    void a_timestamped_signature_made_while_the_window_was_open_verifies_after_it_closed() {
        trusted(parent, new ValidityWindow(Optional.empty(), Optional.of(T)));
        assertThat(trusts(parent, trustedAt(T.minusSeconds(1)))).isTrue();
        assertThat(trusts(parent, TimeBasis.currentTime(NOW))).isFalse();
    }

    @Test
    void a_parent_trusts_through_a_child_whose_window_holds_the_time_and_not_through_one_whose_does_not() {
        trusted(child, new ValidityWindow(Optional.empty(), Optional.of(T)));
        trusted(sibling, new ValidityWindow(Optional.of(T), Optional.empty()));
        grant(parent, child);
        grant(parent, sibling);
        assertThat(rule().explain(parent, key.fingerprint(), TimeBasis.currentTime(NOW)))
                .hasValueSatisfying(path -> assertThat(path.organizations()).containsExactly(parent, sibling));
        assertThat(rule().explain(parent, key.fingerprint(), trustedAt(T.minusSeconds(1))))
                .hasValueSatisfying(path -> assertThat(path.organizations()).containsExactly(parent, child));
    }

    private boolean trusts(OrganizationId organization, TimeBasis basis) {
        return rule().trusts(organization, key.fingerprint(), basis);
    }

    private static TimeBasis trustedAt(Instant time) {
        return new TimeBasis.TrustedTime(time, "CN=Test TSA");
    }

    private void trusted(OrganizationId organization, ValidityWindow window) {
        keys.add(new TrustedKey(TrustedKeyId.random(), organization, key, Optional.empty(), ADDED, window,
                Optional.empty()));
    }

    private void revoked(OrganizationId organization, Revocation revocation) {
        keys.add(new TrustedKey(TrustedKeyId.random(), organization, key, Optional.empty(), ADDED,
                ValidityWindow.ALWAYS, Optional.of(revocation)));
    }

    private void grant(OrganizationId from, OrganizationId to) {
        acls.add(new TrustAcl(from, to, ADDED, Optional.empty()));
    }

    private TrustRule rule() {
        return new TrustRule(keys, acls);
    }

    private static Ed25519PublicKey publicKey(int seed) {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) seed;
        return new Ed25519PublicKey(bytes);
    }
}
