package dev.signet.application.port.in;

import dev.signet.domain.principal.Credential;
import dev.signet.domain.principal.Principal;
import dev.signet.domain.principal.Unauthenticated;

/** Turns a credential into the principal it proves, on every request (so a revocation counts at once). */
public interface AuthenticateUseCase {
    Principal authenticate(Credential credential) throws Unauthenticated;
}
