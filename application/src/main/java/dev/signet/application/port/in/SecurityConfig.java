package dev.signet.application.port.in;

import dev.signet.domain.key.KeyEncryptionKey;
import java.net.URI;
import java.util.Optional;

/**
 * How strict Signet is and which key-encryption key it uses. With {@code requireSignatures} on, the
 * package loader hands over only packages that verify against the organization's trust. The loader copies a
 * package before verifying it; {@code maxLoadBytes} bounds that copy (default {@link #DEFAULT_MAX_LOAD_BYTES}).
 */
public record SecurityConfig(boolean requireSignatures, Optional<KeyEncryptionKey> keyEncryptionKey,
        long maxLoadBytes, Optional<URI> tsaUrl) {
    /** 4 GiB: generous for a workflow package, small enough that a wrong path cannot fill the disk unnoticed. */
    public static final long DEFAULT_MAX_LOAD_BYTES = 4L << 30;

    public SecurityConfig {
        keyEncryptionKey = keyEncryptionKey == null ? Optional.empty() : keyEncryptionKey;
        tsaUrl = tsaUrl == null ? Optional.empty() : tsaUrl;
        if (maxLoadBytes <= 0) {
            throw new IllegalArgumentException("maxLoadBytes must be positive, got " + maxLoadBytes);
        }
    }

    public SecurityConfig(boolean requireSignatures, Optional<KeyEncryptionKey> keyEncryptionKey, long maxLoadBytes) {
        this(requireSignatures, keyEncryptionKey, maxLoadBytes, Optional.empty());
    }

    public SecurityConfig(boolean requireSignatures, Optional<KeyEncryptionKey> keyEncryptionKey) {
        this(requireSignatures, keyEncryptionKey, DEFAULT_MAX_LOAD_BYTES);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return "SecurityConfig[requireSignatures=" + requireSignatures + ", keyEncryptionKey="
                + keyEncryptionKey.map(k -> "id " + k.id()).orElse("none") + ", maxLoadBytes=" + maxLoadBytes + ", tsaUrl=" + tsaUrl.map(Object::toString).orElse("none") + "]";
    }

    public static final class Builder {
        private boolean requireSignatures = true;
        private KeyEncryptionKey keyEncryptionKey;
        private long maxLoadBytes = DEFAULT_MAX_LOAD_BYTES;
        private URI tsaUrl;

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

        /** The largest package the loader copies; a larger one is refused (PackageTooLarge), leaving no copy. */
        public Builder maxLoadBytes(long maxLoadBytes) {
            this.maxLoadBytes = maxLoadBytes;
            return this;
        }

        /**
         * The RFC 3161 TSA that timestamps every signature made with a stored key (issue 14); a TSA that fails
         * fails the signing. None by default.
         */
        public Builder tsaUrl(URI tsaUrl) {
            this.tsaUrl = tsaUrl;
            return this;
        }

        public SecurityConfig build() {
            return new SecurityConfig(requireSignatures, Optional.ofNullable(keyEncryptionKey), maxLoadBytes,
                    Optional.ofNullable(tsaUrl));
        }
    }
}
