package dev.signet.domain.time;

import dev.signet.domain.Require;
import dev.signet.domain.organization.OrganizationId;
import java.time.Instant;
import java.util.Optional;

/**
 * An organization's trust in a time-stamping authority: timestamps whose signer chains to {@code certificate}
 * count as trusted time for it and, through grants, for the organizations that trust it (as keys do).
 */
public record TrustedTsa(TrustedTsaId id, OrganizationId organizationId, TsaCertificate certificate,
        Optional<String> label, Instant addedAt, Optional<Instant> revokedAt) {
    public static final int MAX_LABEL_LENGTH = 200;

    public TrustedTsa {
        Require.present(id, "trusted TSA id");
        Require.present(organizationId, "organization");
        Require.present(certificate, "TSA certificate");
        label = Require.present(label, "label").map(text -> Require.name(text, MAX_LABEL_LENGTH, "TSA label"));
        Require.present(addedAt, "time added");
        Require.present(revokedAt, "revocation time");
    }

    public boolean isActive() {
        return revokedAt.isEmpty();
    }
}
