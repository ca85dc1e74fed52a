package dev.signet.adapters.crypto.soft;

import java.util.HexFormat;

/** Known keys and small helpers shared by the tests. */
final class Fixtures {
    /** RFC 8032 section 7.1, TEST 1. */
    static final String RFC8032_TEST1_SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    static final String RFC8032_TEST1_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    static final String RFC8032_TEST1_SIGNATURE = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
    static final String RFC8032_TEST1_FINGERPRINT = "21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9";

    private Fixtures() {
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
