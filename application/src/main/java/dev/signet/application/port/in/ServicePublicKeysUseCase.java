package dev.signet.application.port.in;

import dev.signet.domain.key.KeyId;
import dev.signet.domain.principal.Principal;

/** A signing key's public half for a principal of the key's organization (audited as key.exported). */
public interface ServicePublicKeysUseCase {
    /**
     * @throws dev.signet.domain.principal.Forbidden when the key belongs to another organization
     * @throws dev.signet.domain.NotFound when its organization has no such key
     */
    ManageSigningKeysUseCase.PublicKeyExport exportPublicKey(Principal principal, KeyId keyId);
}
