package dev.signet.domain.principal;

import dev.signet.domain.Require;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.organization.OrganizationId;
import java.util.Optional;
import java.util.Set;

/**
 * Admits a verified TLS client certificate whose subject (RFC 2253 form, as the TLS layer gives it) and/or one of
 * whose subject alternative names match, as a principal of one organization with one role and key scope. Values
 * match exactly or as a glob ({@code *}, as {@link ClaimRule}); a rule names a subject, a SAN, or both (both must
 * then match). The principal's id is the certificate's subject.
 */
public record CertificateRule(Optional<String> subject, Optional<String> subjectAltName, OrganizationId organization,
        Role role, Set<KeyId> keys) {
    public CertificateRule {
        Require.present(subject, "subject");
        Require.present(subjectAltName, "subject alternative name");
        if (subject.isEmpty() && subjectAltName.isEmpty()) {
            throw new IllegalArgumentException("a client certificate rule names a subject, a subject alternative name, or both");
        }
        Require.present(organization, "organization");
        Require.present(role, "role");
        keys = Set.copyOf(Require.present(keys, "keys"));
    }

    public boolean admits(Credential.ClientCertificate certificate) {
        return subject.map(pattern -> Glob.matches(pattern, certificate.subject())).orElse(true)
                && subjectAltName.map(pattern -> certificate.subjectAltNames().stream()
                        .anyMatch(name -> Glob.matches(pattern, name))).orElse(true);
    }

    public Principal principalFor(Credential.ClientCertificate certificate) {
        return new Principal(PrincipalKind.CLIENT_CERTIFICATE, certificate.subject(), organization, role, keys);
    }
}
