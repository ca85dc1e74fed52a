package dev.signet.domain.principal;

import dev.signet.domain.Require;
import java.util.List;

/** What a caller presents to prove who it is. No credential's secret ever appears in a toString. */
public sealed interface Credential {

    /** An {@code Authorization: Bearer} value: a Signet token or an OIDC identity token (a JWT). */
    record BearerToken(String value) implements Credential {
        public BearerToken {
            Require.present(value, "bearer token");
        }

        @Override
        public String toString() {
            return "BearerToken[redacted]";
        }
    }

    /** A verified TLS client certificate: its subject, subject alternative names and SHA-256 fingerprint. */
    record ClientCertificate(String subject, List<String> subjectAltNames, String sha256Fingerprint)
            implements Credential {
        public ClientCertificate {
            Require.present(subject, "certificate subject");
            subjectAltNames = List.copyOf(Require.present(subjectAltNames, "subject alternative names"));
            Require.present(sha256Fingerprint, "certificate fingerprint");
        }
    }
}
