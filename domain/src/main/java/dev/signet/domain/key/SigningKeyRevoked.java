package dev.signet.domain.key;

import dev.signet.domain.SignetException;
import dev.signet.domain.revocation.Revocation;
import java.time.Instant;

/** A revoked signing key was asked to sign. */
public final class SigningKeyRevoked extends SignetException {
    public SigningKeyRevoked(KeyId keyId, Instant revokedAt) {
        super("signing key " + keyId + " was revoked at " + revokedAt + " and can no longer sign");
    }

    public SigningKeyRevoked(KeyId keyId, Revocation revocation) {
        super("signing key " + keyId + " was revoked at " + revocation.recordedAt() + " ("
                + revocation.describe() + ") and can no longer sign");
    }
}
