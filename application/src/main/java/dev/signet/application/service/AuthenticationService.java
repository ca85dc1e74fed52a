package dev.signet.application.service;

import dev.signet.application.port.in.AuthenticateUseCase;
import dev.signet.application.port.out.IdentityTokenVerifier;
import dev.signet.domain.principal.Credential;
import dev.signet.domain.principal.Forbidden;
import dev.signet.domain.principal.IdentityRules;
import dev.signet.domain.principal.Principal;
import dev.signet.domain.principal.Unauthenticated;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The service's one way from a credential to a principal, on every request: a bearer value shaped like a JWT
 * (three base64url parts, the first a JSON header) is an OIDC identity token, checked by the
 * {@link IdentityTokenVerifier} and mapped by the claim rules; any other bearer value is a Signet token, looked up
 * by the token authenticator; a verified client certificate is mapped by the certificate rules. A proven identity
 * that no rule admits is {@link Forbidden}; anything unproven is {@link Unauthenticated}.
 */
public final class AuthenticationService implements AuthenticateUseCase {
    /** A compact JWS: header.payload.signature, base64url, the header a JSON object ("eyJ" is "{\"" encoded). */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*");

    private final AuthenticateUseCase signetTokens;
    private final Optional<IdentityTokenVerifier> identityTokens;
    private final IdentityRules rules;

    /**
     * @param signetTokens   authenticates Signet's own bearer tokens
     * @param identityTokens the OIDC verifier, when identity providers are configured
     * @param rules          claim rules per issuer and client certificate rules
     */
    public AuthenticationService(AuthenticateUseCase signetTokens, Optional<IdentityTokenVerifier> identityTokens,
            IdentityRules rules) {
        this.signetTokens = Objects.requireNonNull(signetTokens, "token authentication");
        this.identityTokens = Objects.requireNonNull(identityTokens, "identity token verifier");
        this.rules = Objects.requireNonNull(rules, "identity rules");
    }

    /**
     * @throws Unauthenticated when the credential proves no identity
     * @throws Forbidden       when it does, but no rule admits that identity
     */
    @Override
    public Principal authenticate(Credential credential) {
        Objects.requireNonNull(credential, "credential");
        if (credential instanceof Credential.BearerToken bearer) {
            if (looksLikeJwt(bearer.value())) {
                IdentityTokenVerifier verifier = identityTokens.orElseThrow(() -> new Unauthenticated(
                        "an OIDC identity token was presented, but no identity provider is configured"));
                return rules.principalFor(verifier.verify(bearer.value()));
            }
            return signetTokens.authenticate(bearer);
        }
        if (credential instanceof Credential.ClientCertificate certificate) {
            return rules.principalFor(certificate);
        }
        throw new Unauthenticated("unsupported credential");
    }

    static boolean looksLikeJwt(String bearer) {
        return JWT.matcher(bearer).matches();
    }
}
