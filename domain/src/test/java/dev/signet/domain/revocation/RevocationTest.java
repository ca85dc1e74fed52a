package dev.signet.domain.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.domain.time.TimeBasis;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RevocationTest {
    private static final Instant T = Instant.parse("2026-06-01T00:00:00Z");
    private static final Instant LATER = T.plusSeconds(3600);

    @Test
    void a_retirement_takes_effect_when_it_is_recorded_never_earlier() {
        assertThat(Revocation.retired(T).effectiveAt()).isEqualTo(T);
        assertThatThrownBy(() -> new Revocation(RevocationReason.RETIRED, T, LATER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compromised");
    }

    @Test
    void a_compromise_may_be_dated_back_but_no_revocation_takes_effect_in_the_future() {
        assertThat(Revocation.compromised(T, LATER).effectiveAt()).isEqualTo(T);
        assertThatThrownBy(() -> Revocation.compromised(LATER, T)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_revocation_covers_signatures_without_trusted_time_and_those_timestamped_at_or_after_it() {
        Revocation revocation = Revocation.compromised(T, LATER);
        assertThat(revocation.covers(TimeBasis.currentTime(T.minusSeconds(1)))).isTrue();
        assertThat(revocation.covers(new TimeBasis.TrustedTime(T, "CN=TSA"))).isTrue();
        assertThat(revocation.covers(new TimeBasis.TrustedTime(T.minusNanos(1), "CN=TSA"))).isFalse();
    }

    @Test
    void only_a_wider_compromise_replaces_a_revocation() {
        Revocation retired = Revocation.retired(T);
        assertThat(retired.widenedBy(Revocation.compromised(T, LATER))).isTrue();
        assertThat(retired.widenedBy(Revocation.compromised(T.minusSeconds(1), LATER))).isTrue();
        assertThat(retired.widenedBy(Revocation.compromised(T.plusSeconds(1), LATER))).isFalse();
        assertThat(retired.widenedBy(Revocation.retired(LATER))).isFalse();
        Revocation compromised = Revocation.compromised(T, LATER);
        assertThat(compromised.widenedBy(Revocation.compromised(T, LATER))).isFalse();
        assertThat(compromised.widenedBy(Revocation.compromised(T.minusSeconds(1), LATER))).isTrue();
    }

    @Test
    void reasons_are_read_from_their_labels() {
        assertThat(RevocationReason.parse("retired")).isEqualTo(RevocationReason.RETIRED);
        assertThat(RevocationReason.parse("compromised")).isEqualTo(RevocationReason.COMPROMISED);
        assertThatThrownBy(() -> RevocationReason.parse("lost")).hasMessageContaining("retired or compromised");
    }
}
