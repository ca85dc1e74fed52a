package dev.signet.application.port.out;

import dev.signet.domain.Require;
import dev.signet.domain.principal.TokenHash;

/** Makes token secrets (high-entropy random text) and hashes presented ones the way they are stored. */
public interface TokenSecrets {
    NewSecret generate();

    TokenHash hash(String presentedSecret);

    /** A fresh secret, shown once to whoever asked for the token, and its hash, which is stored. */
    record NewSecret(String secret, TokenHash hash) {
        public NewSecret {
            Require.present(secret, "token secret");
            Require.present(hash, "token hash");
        }

        @Override
        public String toString() {
            return "NewSecret[secret=redacted, hash=" + hash.hex() + "]";
        }
    }
}
