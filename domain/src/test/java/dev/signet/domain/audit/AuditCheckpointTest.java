package dev.signet.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.signature.PackageHash;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditCheckpointTest {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private static final String HASH = "ab".repeat(32);

    private static List<AuditRecord> chainOf(int length, String tag) {
        List<AuditRecord> chain = new ArrayList<>();
        AuditRecord previous = null;
        for (int i = 0; i < length; i++) {
            previous = AuditRecord.append(previous, new AuditEvent.PackageSignFailed(tag + i, "no such file"),
                    AuditOrigin.of(Actor.osUser("alice")), T0.plusSeconds(i));
            chain.add(previous);
        }
        return chain;
    }

    private static AuditChainVerdict check(List<AuditRecord> records, AuditCheckpoint checkpoint) {
        AuditChainCheck check = new AuditChainCheck().expect(checkpoint);
        records.forEach(check::accept);
        AuditRecord last = records.isEmpty() ? null : records.get(records.size() - 1);
        return check.verdict(last == null ? 0 : last.position(), last == null ? AuditRecord.GENESIS_HASH : last.hash());
    }

    private static AuditCheckpoint checkpointOf(AuditRecord record) {
        return AuditCheckpoint.of(record.position(), record.hash(), T0.plusSeconds(3600));
    }

    @Test
    void the_signed_text_is_the_prefix_then_position_hash_and_time_each_on_its_own_line() {
        AuditCheckpoint checkpoint = AuditCheckpoint.of(42, HASH, Instant.parse("2026-12-02T01:02:03.456789Z"));

        assertThat(checkpoint.canonicalText())
                .isEqualTo("signet audit checkpoint v1\n42\n" + HASH + "\n2026-12-02T01:02:03.456Z\n");
        assertThat(checkpoint.signedMessage().bytes())
                .isEqualTo(checkpoint.canonicalText().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void the_time_is_written_with_three_fraction_digits_even_on_a_whole_second() {
        assertThat(AuditCheckpoint.of(1, HASH, T0).timeText()).isEqualTo("2026-11-25T12:00:00.000Z");
    }

    @Test
    void a_checkpoint_message_can_never_be_a_package_digest() {
        byte[] message = AuditCheckpoint.of(1, HASH, T0).signedMessage().bytes();
        assertThat(message.length).isGreaterThan(PackageHash.LENGTH);
    }

    @Test
    void a_checkpoint_names_a_real_position_and_a_lowercase_sha256() {
        assertThatThrownBy(() -> AuditCheckpoint.of(0, HASH, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuditCheckpoint.of(1, HASH.toUpperCase(), T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuditCheckpoint.of(1, "ab", T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuditCheckpoint(1, HASH, T0.plusNanos(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_chain_that_still_holds_the_checkpointed_record_is_whole() {
        List<AuditRecord> chain = chainOf(8, "p");

        AuditChainVerdict verdict = check(chain, checkpointOf(chain.get(4)));

        assertThat(verdict.isWhole()).isTrue();
        assertThat(verdict.recordsChecked()).isEqualTo(8);
    }

    @Test
    void a_tail_cut_below_the_checkpoint_with_the_head_set_back_names_the_checkpointed_position() {
        List<AuditRecord> chain = chainOf(8, "p");
        AuditCheckpoint checkpoint = checkpointOf(chain.get(5));

        List<AuditRecord> cut = chain.subList(0, 4);
        AuditChainVerdict verdict = check(cut, checkpoint);

        assertThat(verdict.brokenAt()).contains(6L);
        assertThat(verdict.reason()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("record 6, which the checkpoint of 2026-11-25T13:00:00.000Z names, is missing")
                .contains("the chain ends at record 4"));
        assertThat(verdict.recordsChecked()).isEqualTo(4);
    }

    @Test
    void without_a_checkpoint_the_same_cut_tail_passes_which_is_why_checkpoints_are_kept_elsewhere() {
        List<AuditRecord> cut = chainOf(8, "p").subList(0, 4);
        AuditChainCheck check = new AuditChainCheck();
        cut.forEach(check::accept);
        assertThat(check.verdict(4, cut.get(3).hash()).isWhole()).isTrue();
    }

    @Test
    void a_chain_rewritten_from_the_start_is_caught_at_the_checkpointed_record() {
        AuditCheckpoint checkpoint = checkpointOf(chainOf(8, "p").get(2));
        List<AuditRecord> forged = chainOf(8, "forged");

        AuditChainVerdict verdict = check(forged, checkpoint);

        assertThat(verdict.brokenAt()).contains(3L);
        assertThat(verdict.reason()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("record 3 is not the one the checkpoint of").contains("rewritten"));
        assertThat(verdict.recordsChecked()).isEqualTo(2);
    }

    @Test
    void a_break_before_the_checkpointed_record_is_named_first() {
        List<AuditRecord> chain = new ArrayList<>(chainOf(8, "p"));
        AuditCheckpoint checkpoint = checkpointOf(chain.get(6));
        chain.remove(1);

        assertThat(check(chain, checkpoint).brokenAt()).contains(2L);
    }
}
