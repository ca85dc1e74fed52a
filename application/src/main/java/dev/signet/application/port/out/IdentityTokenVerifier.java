package dev.signet.application.port.out;

import dev.signet.domain.principal.Unauthenticated;
import dev.signet.domain.principal.VerifiedIdentityToken;

/**
 * Checks an OIDC identity token (a JWT from a CI system): a configured issuer, the audience, the signature under a
 * key of the issuer's JWKS with an allowed algorithm, and its times (exp, nbf, iat).
 */
public interface IdentityTokenVerifier {
    /**
     * @throws Unauthenticated when any check fails; its message says which, and never holds the token
     */
    VerifiedIdentityToken verify(String token);
}
