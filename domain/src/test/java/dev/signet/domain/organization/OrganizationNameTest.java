package dev.signet.domain.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrganizationNameTest {
    private static final String ID = "7f3e2a10-5b4c-4d6e-8f90-a1b2c3d4e5f6";

    @ParameterizedTest
    @ValueSource(strings = {ID, "7F3E2A10-5B4C-4D6E-8F90-A1B2C3D4E5F6", " " + ID + "\t",
            "00000000-0000-0000-0000-000000000000"})
    void a_name_that_is_a_uuid_is_refused_because_it_would_shadow_an_id(String name) {
        assertThatThrownBy(() -> new OrganizationName(name)).isInstanceOf(AmbiguousOrganizationName.class)
                .hasMessageContaining(name.strip()).hasMessageNotContaining("\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme", "1-2-3-4-5", ID + "x", "x" + ID, "7f3e2a10-5b4c-4d6e-8f90-a1b2c3d4e5f",
            "7f3e2a105b4c4d6e8f90a1b2c3d4e5f6", "+7f3e2a1-5b4c-4d6e-8f90-a1b2c3d4e5f6"})
    void a_name_that_merely_resembles_a_uuid_is_a_name(String name) {
        assertThat(new OrganizationName(name).value()).isEqualTo(name);
        assertThat(OrganizationId.isWritten(name)).isFalse();
    }

    @Test
    void an_id_is_read_only_in_its_written_form_so_that_names_and_ids_never_overlap() {
        UUID uuid = UUID.randomUUID();
        assertThat(OrganizationId.parse(uuid.toString().toUpperCase(Locale.ROOT)).value()).isEqualTo(uuid);
        assertThat(OrganizationId.parse(" " + uuid + " ").value()).isEqualTo(uuid);
        assertThatThrownBy(() -> OrganizationId.parse("1-2-3-4-5")).isInstanceOf(IllegalArgumentException.class);
        assertThat(OrganizationId.isWritten(uuid.toString())).isTrue();
    }
}
