package dev.signet.domain.audit;

import dev.signet.domain.Require;

/**
 * Who caused an audit event: {@code kind} is {@code os_user} for the CLI and the Java API, or a principal
 * kind of the service ({@code token}, {@code client_certificate}, {@code oidc}); {@code id} names it
 * (the OS user's name, a token id, a certificate subject, an OIDC subject), never a credential.
 */
public record Actor(String kind, String id) {
    public Actor {
        Require.present(kind, "actor kind");
        Require.present(id, "actor id");
    }

    public static Actor osUser(String userName) {
        return new Actor("os_user", userName);
    }
}
