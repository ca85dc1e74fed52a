package dev.signet.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.domain.key.KekId;
import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.signature.PackageHash;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditEventTest {
    private final PackageHash hash = new PackageHash(new byte[32]);
    private final KeyFingerprint signer = new KeyFingerprint(new byte[32]);

    @Test
    void events_use_cloacina_types_and_field_names_in_order() {
        OrganizationId org = OrganizationId.random();
        AuditEvent event = new AuditEvent.PackageLoadSucceeded(org, "/p.so", hash, Optional.of(signer), true);
        assertThat(event.eventType()).isEqualTo("package.load.success");
        assertThat(event.fields()).containsExactly(
                entry("org_id", org.toString()), entry("package_path", "/p.so"),
                entry("package_hash", hash.hex()), entry("signer_fingerprint", signer.hex()),
                entry("signature_verified", true));
    }

    @Test
    void a_load_failure_carries_the_seeds_fields_of_a_load_then_why_it_failed() {
        OrganizationId org = OrganizationId.random();
        AuditEvent event = new AuditEvent.PackageLoadFailed(org, "/p.so", Optional.of(hash), Optional.of(signer),
                "signer ... is not trusted", "untrusted_signer");
        assertThat(event.eventType()).isEqualTo("package.load.failure");
        assertThat(event.fields()).containsExactly(
                entry("org_id", org.toString()), entry("package_path", "/p.so"),
                entry("package_hash", hash.hex()), entry("signer_fingerprint", signer.hex()),
                entry("signature_verified", false), entry("error", "signer ... is not trusted"),
                entry("failure_reason", "untrusted_signer"));
    }

    @Test
    void absent_optional_fields_are_left_out() {
        AuditEvent event = new AuditEvent.VerificationFailed(Optional.empty(), Optional.empty(),
                "malformed_signature", Optional.empty());
        assertThat(event.eventType()).isEqualTo("verification.failure");
        assertThat(event.fields()).containsOnlyKeys("failure_reason");
    }

    @Test
    void organization_and_kek_changes_carry_ids_and_names_never_key_material() {
        OrganizationId org = OrganizationId.random();
        assertThat(new AuditEvent.OrganizationCreated(org, "acme").fields())
                .containsExactly(entry("org_id", org.toString()), entry("org_name", "acme"));
        KekId from = new KekId("00000000000000aa");
        KekId other = new KekId("00000000000000bb");
        KekId to = new KekId("00000000000000cc");
        AuditEvent rotated = new AuditEvent.KekRotated(List.of(from, other), to, 3);
        assertThat(rotated.eventType()).isEqualTo("kek.rotated");
        assertThat(rotated.fields()).containsExactly(entry("from_kek_id", "00000000000000aa,00000000000000bb"),
                entry("to_kek_id", to.value()), entry("rewrapped", "3"));
        AuditEvent created = new AuditEvent.KekCreated(to, "signet-kek");
        assertThat(created.eventType()).isEqualTo("kek.created");
        assertThat(created.fields()).containsExactly(entry("kek_id", to.value()), entry("pkcs11_label", "signet-kek"));
    }

    private static java.util.Map.Entry<String, Object> entry(String key, Object value) {
        return java.util.Map.entry(key, value);
    }
}
