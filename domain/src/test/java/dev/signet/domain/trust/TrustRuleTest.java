package dev.signet.domain.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.time.TimeBasis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrustRuleTest {
    private static final Instant T0 = Instant.parse("2026-01-28T12:00:00Z");
    private static final TimeBasis NOW = TimeBasis.currentTime(T0.plusSeconds(86_400));

    private final OrganizationId parent = OrganizationId.random();
    private final OrganizationId child = OrganizationId.random();
    private final OrganizationId grandchild = OrganizationId.random();
    private final List<TrustedKey> keys = new ArrayList<>();
    private final List<TrustAcl> acls = new ArrayList<>();
    private long clockSeconds;

    @Test
    void an_organization_trusts_its_own_active_key() {
        KeyFingerprint key = trust(parent, 1);
        assertThat(rule().explain(parent, key, NOW)).hasValueSatisfying(path -> {
            assertThat(path.isDirect()).isTrue();
            assertThat(path.organizations()).containsExactly(parent);
        });
    }

    @Test
    void an_organization_does_not_trust_a_key_nobody_trusts() {
        trust(parent, 1);
        assertThat(rule().trusts(parent, publicKey(2).fingerprint(), NOW)).isFalse();
    }

    @Test
    void parent_trusts_a_key_its_child_trusts() {
        KeyFingerprint key = trust(child, 1);
        grant(parent, child);
        assertThat(rule().explain(parent, key, NOW).orElseThrow().organizations()).containsExactly(parent, child);
    }

    @Test
    void child_does_not_trust_what_its_parent_trusts() {
        KeyFingerprint key = trust(parent, 1);
        grant(parent, child);
        assertThat(rule().trusts(child, key, NOW)).isFalse();
    }

    @Test
    void parent_trusts_a_key_its_grandchild_trusts() {
        KeyFingerprint key = trust(grandchild, 1);
        grant(parent, child);
        grant(child, grandchild);
        assertThat(rule().explain(parent, key, NOW).orElseThrow().describe())
                .isEqualTo(parent + " -> " + child + " -> " + grandchild + " -> key " + key.hex());
    }

    @Test
    void a_cycle_of_grants_terminates_and_still_finds_keys() {
        KeyFingerprint parentKey = trust(parent, 1);
        KeyFingerprint childKey = trust(child, 2);
        grant(parent, child);
        grant(child, parent);
        TrustRule rule = rule();
        assertThat(rule.trusts(parent, childKey, NOW)).isTrue();
        assertThat(rule.trusts(child, parentKey, NOW)).isTrue();
        assertThat(rule.trusts(parent, publicKey(3).fingerprint(), NOW)).isFalse();
    }

    @Test
    void a_revoked_trusted_key_no_longer_counts() {
        Ed25519PublicKey key = publicKey(1);
        keys.add(new TrustedKey(TrustedKeyId.random(), parent, key, Optional.empty(), T0, Optional.of(T0.plusSeconds(1))));
        assertThat(rule().trusts(parent, key.fingerprint(), NOW)).isFalse();
    }

    @Test
    void a_revoked_grant_no_longer_counts() {
        KeyFingerprint key = trust(child, 1);
        acls.add(new TrustAcl(parent, child, T0, Optional.of(T0.plusSeconds(1))));
        assertThat(rule().trusts(parent, key, NOW)).isFalse();
    }

    @Test
    void a_key_trusted_anew_after_revocation_counts_again() {
        Ed25519PublicKey key = publicKey(1);
        keys.add(new TrustedKey(TrustedKeyId.random(), parent, key, Optional.empty(), T0, Optional.of(T0.plusSeconds(1))));
        keys.add(new TrustedKey(TrustedKeyId.random(), parent, key, Optional.empty(), T0.plusSeconds(2), Optional.empty()));
        assertThat(rule().trusts(parent, key.fingerprint(), NOW)).isTrue();
    }

    @Test
    void the_shortest_path_explains_a_key_trusted_along_two_paths() {
        KeyFingerprint key = trust(grandchild, 1);
        grant(parent, child);
        grant(child, grandchild);
        grant(parent, grandchild);
        assertThat(rule().explain(parent, key, NOW).orElseThrow().organizations()).containsExactly(parent, grandchild);
    }

    // Deny wins: an organization's revocation of a key is a "no" for it and for everything trusted through it.

    @Test
    void an_organization_that_revokes_a_key_does_not_trust_it_through_a_child_that_still_trusts_it() {
        KeyFingerprint key = trust(parent, 1);
        trust(child, 1);
        grant(parent, child);
        revokeAll(parent, key);
        assertThat(rule().trusts(parent, key, NOW)).isFalse();
        assertThat(rule().effectiveTrust(parent, NOW)).doesNotContainKey(key);
    }

    @Test
    void a_parent_reaching_a_key_only_through_a_denying_child_does_not_trust_it() {
        OrganizationId top = OrganizationId.random();
        KeyFingerprint key = trust(child, 1);
        trust(grandchild, 1);
        grant(top, child);
        grant(child, grandchild);
        revokeAll(child, key);
        assertThat(rule().trusts(top, key, NOW)).isFalse();
        assertThat(rule().trusts(child, key, NOW)).isFalse();
        assertThat(rule().trusts(grandchild, key, NOW)).as("the deny binds the denier and its parents, not its children")
                .isTrue();
    }

    @Test
    void a_parent_with_a_path_to_the_key_that_avoids_every_denying_organization_still_trusts_it() {
        OrganizationId sibling = OrganizationId.random();
        KeyFingerprint key = trust(grandchild, 1);
        trust(child, 1);
        revokeAll(child, key);
        grant(parent, child);
        grant(child, grandchild);
        grant(parent, sibling);
        grant(sibling, grandchild);
        assertThat(rule().explain(parent, key, NOW).orElseThrow().organizations()).containsExactly(parent, sibling, grandchild);
    }

    @Test
    void the_shortest_path_that_counts_goes_around_a_denying_organization() {
        OrganizationId denier = OrganizationId.random();
        OrganizationId a = OrganizationId.random();
        OrganizationId b = OrganizationId.random();
        KeyFingerprint key = trust(grandchild, 1);
        trust(denier, 1);
        revokeAll(denier, key);
        grant(parent, denier);
        grant(denier, grandchild);
        grant(parent, a);
        grant(a, b);
        grant(b, grandchild);
        assertThat(rule().explain(parent, key, NOW).orElseThrow().organizations()).containsExactly(parent, a, b, grandchild);
    }

    @Test
    void an_organization_that_denies_a_key_trusts_it_along_no_path_at_all() {
        OrganizationId sibling = OrganizationId.random();
        KeyFingerprint key = trust(parent, 1);
        revokeAll(parent, key);
        trust(child, 1);
        trust(sibling, 1);
        trust(grandchild, 1);
        grant(parent, child);
        grant(parent, sibling);
        grant(child, grandchild);
        assertThat(rule().trusts(parent, key, NOW)).isFalse();
    }

    @Test
    void re_trusting_the_key_in_the_denying_organization_lifts_the_deny_and_keeps_the_history() {
        KeyFingerprint key = trust(parent, 1);
        trust(child, 1);
        grant(parent, child);
        revokeAll(parent, key);
        assertThat(rule().trusts(parent, key, NOW)).isFalse();

        trust(parent, 1);
        assertThat(keys).filteredOn(k -> k.organizationId().equals(parent)).extracting(TrustedKey::isActive)
                .containsExactly(false, true);
        assertThat(rule().explain(parent, key, NOW).orElseThrow().isDirect()).isTrue();
        assertThat(rule().explanation(parent, key, NOW)).isInstanceOf(TrustExplanation.Trusted.class);
    }

    @Test
    void a_deny_covers_only_its_own_fingerprint() {
        KeyFingerprint denied = trust(child, 1);
        KeyFingerprint other = trust(child, 2);
        trust(grandchild, 1);
        grant(parent, child);
        grant(child, grandchild);
        revokeAll(child, denied);
        assertThat(rule().effectiveTrust(parent, NOW)).containsOnlyKeys(other);
    }

    @Test
    void an_organization_is_not_bound_by_the_deny_of_a_parent_that_grants_it() {
        KeyFingerprint key = trust(parent, 1);
        revokeAll(parent, key);
        trust(child, 1);
        grant(parent, child);
        grant(child, parent); // a cycle: the child reaches the key through its own row, not through the parent
        assertThat(rule().explain(child, key, NOW).orElseThrow().organizations()).containsExactly(child);
        assertThat(rule().trusts(parent, key, NOW)).isFalse();
    }

    @Test
    void in_a_cycle_a_deny_blocks_the_paths_through_the_denier_only() {
        KeyFingerprint key = trust(parent, 1);
        trust(child, 1);
        revokeAll(child, key);
        grant(parent, child);
        grant(child, parent);
        assertThat(rule().explain(parent, key, NOW).orElseThrow().isDirect()).isTrue();
        assertThat(rule().trusts(child, key, NOW)).as("the child's own deny blocks even its path through its parent")
                .isFalse();
    }

    @Test
    void a_key_revoked_twice_and_not_trusted_again_is_denied_once_by_its_latest_revocation() {
        KeyFingerprint key = trust(parent, 1);
        revokeAll(parent, key);
        trust(parent, 1);
        revokeAll(parent, key);
        trust(child, 1);
        grant(parent, child);
        TrustExplanation.Denied denied = (TrustExplanation.Denied) rule().explanation(parent, key, NOW);
        assertThat(denied.denies()).singleElement().satisfies(deny -> {
            assertThat(deny.organization()).isEqualTo(parent);
            assertThat(deny.revokedAt()).isEqualTo(T0.plusSeconds(4)); // trusted 1, revoked 2, trusted 3, revoked 4
        });
    }

    @Test
    void the_explanation_names_every_deny_that_stands_between_the_organization_and_the_key() {
        OrganizationId top = OrganizationId.random();
        OrganizationId bystander = OrganizationId.random();
        KeyFingerprint key = trust(grandchild, 1);
        trust(child, 1);
        trust(parent, 1);
        trust(bystander, 1);
        revokeAll(child, key);
        revokeAll(parent, key);
        revokeAll(bystander, key); // reachable from top, but leads to no one who trusts the key
        grant(top, parent);
        grant(parent, child);
        grant(child, grandchild);
        grant(top, bystander);

        TrustExplanation explanation = rule().explanation(top, key, NOW);

        assertThat(explanation).isInstanceOfSatisfying(TrustExplanation.Denied.class, denied -> {
            assertThat(denied.blockedPath().organizations()).containsExactly(top, parent, child, grandchild);
            assertThat(denied.denies()).extracting(TrustDeny::organization).containsExactlyInAnyOrder(parent, child);
        });
        assertThat(explanation.trustPath()).isEmpty();
    }

    @Test
    void a_key_nobody_trusts_is_not_trusted_and_no_deny_is_the_reason() {
        KeyFingerprint key = trust(child, 1);
        revokeAll(child, key);
        grant(parent, child);
        assertThat(rule().explanation(parent, key, NOW)).isInstanceOf(TrustExplanation.NotTrusted.class);
        assertThat(rule().explanation(parent, publicKey(9).fingerprint(), NOW)).isInstanceOf(TrustExplanation.NotTrusted.class);
    }

    private KeyFingerprint trust(OrganizationId organization, int seed) {
        Ed25519PublicKey key = publicKey(seed);
        keys.add(new TrustedKey(TrustedKeyId.random(), organization, key, Optional.of("key " + seed), next(), Optional.empty()));
        return key.fingerprint();
    }

    /** Revokes every active row of {@code organization} for {@code fingerprint}, a second after the last change. */
    private void revokeAll(OrganizationId organization, KeyFingerprint fingerprint) {
        keys.replaceAll(k -> k.isActive() && k.organizationId().equals(organization) && k.fingerprint().equals(fingerprint)
                ? new TrustedKey(k.id(), k.organizationId(), k.publicKey(), k.label(), k.addedAt(), Optional.of(next()))
                : k);
    }

    private Instant next() {
        clockSeconds++;
        return T0.plusSeconds(clockSeconds);
    }

    private void grant(OrganizationId from, OrganizationId to) {
        acls.add(new TrustAcl(from, to, T0, Optional.empty()));
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
