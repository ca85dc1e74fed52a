package dev.signet.application.service;

import dev.signet.application.port.out.PrivateKeySigner;
import dev.signet.application.port.out.PrivateKeyWrapper;
import dev.signet.domain.key.Ed25519PrivateKey;
import dev.signet.domain.key.KeyCustody;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.key.KeyEncryptionKeyRequired;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.signature.Ed25519Signature;
import dev.signet.domain.signature.SignedMessage;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs a message with a key Signet keeps, whatever its custody: in the HSM, checked against the key's recorded
 * public key (VerifiedHsmSigner), or in
 * software, unwrapped under the KEK for this one signature and wiped. The caller checks that the key may sign.
 */
public final class StoredKeySigner {
    private final PrivateKeySigner signer;
    private final PrivateKeyWrapper wrapper;
    private final Optional<VerifiedHsmSigner> hsm;

    public StoredKeySigner(PrivateKeySigner signer, PrivateKeyWrapper wrapper, Optional<VerifiedHsmSigner> hsm) {
        this.signer = Objects.requireNonNull(signer, "signer");
        this.wrapper = Objects.requireNonNull(wrapper, "wrapper");
        this.hsm = Objects.requireNonNull(hsm, "hsm");
    }

    /** @param purpose what the signature is for, named when a software key has no KEK to open it */
    public Ed25519Signature sign(SigningKey key, Optional<KeyEncryptionKey> kek, SignedMessage message,
            String purpose) {
        if (key.custody() instanceof KeyCustody.Hsm) {
            return hsm.orElseThrow(HsmNotConfigured::new).sign(key, message);
        }
        KeyCustody.Software software = (KeyCustody.Software) key.custody();
        KeyEncryptionKey unwrapping = kek.orElseThrow(() -> new KeyEncryptionKeyRequired(purpose));
        try (Ed25519PrivateKey privateKey = wrapper.unwrap(software, unwrapping, key.id(), key.organizationId())) {
            return signer.sign(privateKey, message);
        }
    }
}
