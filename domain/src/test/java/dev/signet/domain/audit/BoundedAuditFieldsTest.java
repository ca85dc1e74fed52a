package dev.signet.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.domain.Hex;
import dev.signet.domain.organization.OrganizationId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** No input makes an event's field wider than the record has room for; a value cut to fit says so. */
class BoundedAuditFieldsTest {
    private final OrganizationId org = OrganizationId.random();

    @Test
    void a_path_of_2793_control_characters_is_cut_to_fit_and_the_record_says_so_with_the_whole_values_sha256()
            throws Exception {
        String path = "\u0001".repeat(2_793);
        AuditEvent event = new AuditEvent.PackageLoadFailed(org, path, "unreadable: " + path, "unreadable");

        Map<String, Object> fields = event.fields();

        String kept = (String) fields.get("package_path");
        assertThat(path).startsWith(kept);
        assertThat(kept).hasSize(AuditPayload.MAX_FIELD_WIDTH / 6); // six characters each once escaped
        assertThat(fields.get("package_path_truncated")).isEqualTo(true);
        assertThat(fields.get("package_path_sha256")).isEqualTo(sha256(path));
        assertThat(fields.get("error_truncated")).isEqualTo(true);
        assertThat(AuditPayload.json(event, AuditOrigin.of(Actor.osUser("alice"))).length()).isLessThan(3 * AuditPayload.MAX_FIELD_WIDTH);
    }

    @Test
    void a_value_that_fits_is_kept_whole_and_unmarked() {
        String path = "/packages/" + "a".repeat(AuditPayload.MAX_FIELD_WIDTH - 10);

        Map<String, Object> fields = new AuditEvent.PackageSignFailed(path, "no such file").fields();

        assertThat(fields).containsOnlyKeys("package_path", "error").containsEntry("package_path", path);
    }

    @Test
    void quotes_and_backslashes_count_as_the_two_characters_they_take_in_the_record() {
        String name = "\"".repeat(AuditPayload.MAX_FIELD_WIDTH);

        Map<String, Object> fields = new AuditEvent.SigningKeyCreateFailed(org, name, "exists").fields();

        assertThat((String) fields.get("key_name")).hasSize(AuditPayload.MAX_FIELD_WIDTH / 2);
        assertThat(fields.get("key_name_truncated")).isEqualTo(true);
    }

    @Test
    void an_unpaired_surrogate_is_replaced_and_marked_and_a_pair_is_never_cut_in_two() {
        Map<String, Object> lone = new AuditEvent.PackageSignFailed("a\uD800b", "x").fields();
        assertThat(lone.get("package_path")).isEqualTo("a\uFFFDb");
        assertThat(lone.get("package_path_truncated")).isEqualTo(true);

        String pairs = "\uD83D\uDE00".repeat(AuditPayload.MAX_FIELD_WIDTH); // twice the width allowed
        String kept = (String) new AuditEvent.PackageSignFailed(pairs, "x").fields().get("package_path");
        assertThat(kept).hasSize(AuditPayload.MAX_FIELD_WIDTH);
        assertThat(Character.isHighSurrogate(kept.charAt(kept.length() - 1))).isFalse();
    }

    private static String sha256(String value) throws Exception {
        return Hex.encode(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    }
}
