package dev.signet.domain.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.organization.OrganizationId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrustRuleTest {
    private static final Instant T0 = Instant.parse("2026-01-28T12:00:00Z");

    private final OrganizationId parent = OrganizationId.random();
    private final OrganizationId child = OrganizationId.random();
    private final OrganizationId grandchild = OrganizationId.random();
    private final List<TrustedKey> keys = new ArrayList<>();
    private final List<TrustAcl> acls = new ArrayList<>();

    @Test
    void an_organization_trusts_its_own_active_key() {
        KeyFingerprint key = trust(parent, 1);
        assertThat(rule().explain(parent, key)).hasValueSatisfying(path -> {
            assertThat(path.isDirect()).isTrue();
            assertThat(path.organizations()).containsExactly(parent);
        });
    }

    @Test
    void an_organization_does_not_trust_a_key_nobody_trusts() {
        trust(parent, 1);
        assertThat(rule().trusts(parent, publicKey(2).fingerprint())).isFalse();
    }

    @Test
    void parent_trusts_a_key_its_child_trusts() {
        KeyFingerprint key = trust(child, 1);
        grant(parent, child);
        assertThat(rule().explain(parent, key).orElseThrow().organizations()).containsExactly(parent, child);
    }

    @Test
    void child_does_not_trust_what_its_parent_trusts() {
        KeyFingerprint key = trust(parent, 1);
        grant(parent, child);
        assertThat(rule().trusts(child, key)).isFalse();
    }

    @Test
    void parent_trusts_a_key_its_grandchild_trusts() {
        KeyFingerprint key = trust(grandchild, 1);
        grant(parent, child);
        grant(child, grandchild);
        assertThat(rule().explain(parent, key).orElseThrow().describe())
                .isEqualTo(parent + " -> " + child + " -> " + grandchild + " -> key " + key.hex());
    }

    @Test
    void a_cycle_of_grants_terminates_and_still_finds_keys() {
        KeyFingerprint parentKey = trust(parent, 1);
        KeyFingerprint childKey = trust(child, 2);
        grant(parent, child);
        grant(child, parent);
        TrustRule rule = rule();
        assertThat(rule.trusts(parent, childKey)).isTrue();
        assertThat(rule.trusts(child, parentKey)).isTrue();
        assertThat(rule.trusts(parent, publicKey(3).fingerprint())).isFalse();
    }

    @Test
    void a_revoked_trusted_key_no_longer_counts() {
        Ed25519PublicKey key = publicKey(1);
        keys.add(new TrustedKey(TrustedKeyId.random(), parent, key, Optional.empty(), T0, Optional.of(T0.plusSeconds(1))));
        assertThat(rule().trusts(parent, key.fingerprint())).isFalse();
    }

    @Test
    void a_revoked_grant_no_longer_counts() {
        KeyFingerprint key = trust(child, 1);
        acls.add(new TrustAcl(parent, child, T0, Optional.of(T0.plusSeconds(1))));
        assertThat(rule().trusts(parent, key)).isFalse();
    }

    @Test
    void a_key_trusted_anew_after_revocation_counts_again() {
        Ed25519PublicKey key = publicKey(1);
        keys.add(new TrustedKey(TrustedKeyId.random(), parent, key, Optional.empty(), T0, Optional.of(T0.plusSeconds(1))));
        keys.add(new TrustedKey(TrustedKeyId.random(), parent, key, Optional.empty(), T0.plusSeconds(2), Optional.empty()));
        assertThat(rule().trusts(parent, key.fingerprint())).isTrue();
    }

    @Test
    void the_shortest_path_explains_a_key_trusted_along_two_paths() {
        KeyFingerprint key = trust(grandchild, 1);
        grant(parent, child);
        grant(child, grandchild);
        grant(parent, grandchild);
        assertThat(rule().explain(parent, key).orElseThrow().organizations()).containsExactly(parent, grandchild);
    }

    private KeyFingerprint trust(OrganizationId organization, int seed) {
        Ed25519PublicKey key = publicKey(seed);
        keys.add(new TrustedKey(TrustedKeyId.random(), organization, key, Optional.of("key " + seed), T0, Optional.empty()));
        return key.fingerprint();
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
