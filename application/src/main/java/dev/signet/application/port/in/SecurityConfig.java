package dev.signet.application.port.in;

import dev.signet.domain.key.KeyEncryptionKey;
import java.util.Optional;

/**
 * How strict Signet is and which key-encryption key it uses. With {@code requireSignatures} on, the
 * package loader hands over only packages that verify against the organization's trust.
 */
public record SecurityConfig(boolean requireSignatures, Optional<KeyEncryptionKey> keyEncryptionKey) {
    public SecurityConfig {
        keyEncryptionKey = keyEncryptionKey == null ? Optional.empty() : keyEncryptionKey;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return "SecurityConfig[requireSignatures=" + requireSignatures + ", keyEncryptionKey="
                + keyEncryptionKey.map(k -> "id " + k.id()).orElse("none") + "]";
    }

    public static final class Builder {
        private boolean requireSignatures = true;
        private KeyEncryptionKey keyEncryptionKey;

        private Builder() {
        }

        /** On by default: a signing product fails closed. */
        public Builder requireSignatures(boolean requireSignatures) {
            this.requireSignatures = requireSignatures;
            return this;
        }

        public Builder keyEncryptionKey(KeyEncryptionKey keyEncryptionKey) {
            this.keyEncryptionKey = keyEncryptionKey;
            return this;
        }

        public SecurityConfig build() {
            return new SecurityConfig(requireSignatures, Optional.ofNullable(keyEncryptionKey));
        }
    }
}
