package dev.signet.domain.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A store keeps every software key under one key-encryption key. */
class StoreKekTest {
    private final KekId a = new KekId("00000000000000aa");
    private final KekId b = new KekId("00000000000000bb");

    @Test
    void the_first_key_of_an_empty_store_may_be_under_any_kek() {
        StoreKek empty = StoreKek.of(Optional.empty(), List.of());
        assertThatCode(() -> empty.admit(a)).doesNotThrowAnyException();
        assertThat(empty.current()).isEmpty();
    }

    @Test
    void a_new_key_must_be_under_the_kek_the_store_records() {
        StoreKek store = StoreKek.of(Optional.of(a), List.of(a));
        assertThatCode(() -> store.admit(a)).doesNotThrowAnyException();
        assertThatThrownBy(() -> store.admit(b)).isInstanceOf(WrongStoreKeyEncryptionKey.class)
                .hasMessageContaining(a.value()).hasMessageContaining(b.value());
    }

    @Test
    void a_store_that_records_nothing_takes_the_kek_its_keys_agree_on() {
        StoreKek fromBefore = StoreKek.of(Optional.empty(), List.of(a));
        assertThat(fromBefore.current()).contains(a);
        assertThatThrownBy(() -> fromBefore.admit(b)).isInstanceOf(WrongStoreKeyEncryptionKey.class);
    }

    @Test
    void a_store_rotated_with_no_keys_keeps_the_kek_it_was_rotated_to() {
        assertThatThrownBy(() -> StoreKek.of(Optional.of(a), List.of()).admit(b))
                .isInstanceOf(WrongStoreKeyEncryptionKey.class);
    }

    @Test
    void a_store_whose_keys_are_under_several_keks_takes_no_new_key_until_repaired() {
        for (StoreKek mixed : List.of(StoreKek.of(Optional.empty(), List.of(a, b)), StoreKek.of(Optional.of(a),
                List.of(a, b)), StoreKek.of(Optional.of(a), List.of(b)))) {
            assertThat(mixed.current()).isEmpty();
            for (KekId given : List.of(a, b)) {
                assertThatThrownBy(() -> mixed.admit(given)).isInstanceOf(MixedKeyEncryptionKeys.class)
                        .hasMessageContaining(a.value()).hasMessageContaining(b.value())
                        .hasMessageContaining("--old-kek-file");
            }
        }
    }
}
