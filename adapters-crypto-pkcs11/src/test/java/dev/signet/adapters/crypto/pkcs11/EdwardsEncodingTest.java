package dev.signet.adapters.crypto.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.domain.key.MalformedKey;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class EdwardsEncodingTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String KEY = "64760bccfcdd3ff2c71d02ac6a685ec82fdb45c61ec247cd35275a7f0fff02a1";

    @Test
    void cka_ec_point_is_read_as_a_der_octet_string_or_as_32_raw_bytes() {
        assertThat(EdwardsEncoding.publicKey(HEX.parseHex("0420" + KEY)).hex()).isEqualTo(KEY);
        assertThat(EdwardsEncoding.publicKey(HEX.parseHex(KEY)).hex()).isEqualTo(KEY);
    }

    @Test
    void any_other_cka_ec_point_is_a_malformed_key() {
        for (String bad : new String[] {"0421" + KEY + "00", "0320" + KEY, "048120" + KEY, KEY.substring(2), ""}) {
            assertThatThrownBy(() -> EdwardsEncoding.publicKey(HEX.parseHex(bad))).as(bad)
                    .isInstanceOf(MalformedKey.class).hasMessageContaining("CKA_EC_POINT");
        }
    }

    @Test
    void cka_ec_params_is_ed25519_as_the_oid_or_as_the_curve_name_edwards25519() {
        assertThat(EdwardsEncoding.ED25519_OID).isEqualTo(HEX.parseHex("06032b6570"));
        assertThat(EdwardsEncoding.isEd25519(HEX.parseHex("06032b6570"))).isTrue();
        assertThat(EdwardsEncoding.isEd25519(HEX.parseHex("130c656477617264733235353139"))).isTrue();
    }

    @Test
    void ed448_and_other_curves_are_not_ed25519() {
        assertThat(EdwardsEncoding.isEd25519(HEX.parseHex("06032b6571"))).as("Ed448 OID").isFalse();
        assertThat(EdwardsEncoding.isEd25519(HEX.parseHex("130a65647761726473343438"))).as("edwards448").isFalse();
        assertThat(EdwardsEncoding.isEd25519(HEX.parseHex("06082a8648ce3d030107"))).as("P-256").isFalse();
    }
}
