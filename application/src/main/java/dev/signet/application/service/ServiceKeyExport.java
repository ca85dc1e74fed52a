package dev.signet.application.service;

import dev.signet.application.port.in.ManageSigningKeysUseCase;
import dev.signet.application.port.in.ServicePublicKeysUseCase;
import dev.signet.application.port.out.SigningKeyRepository;
import dev.signet.application.port.out.Transactions;
import dev.signet.domain.NotFound;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.principal.Forbidden;
import dev.signet.domain.principal.Principal;

/** Public-key export for the service: any principal of the key's organization, then as the CLI exports. */
public final class ServiceKeyExport implements ServicePublicKeysUseCase {
    private final SigningKeyRepository signingKeys;
    private final ManageSigningKeysUseCase keys;
    private final Transactions transactions;

    public ServiceKeyExport(SigningKeyRepository signingKeys, ManageSigningKeysUseCase keys, Transactions transactions) {
        this.signingKeys = signingKeys;
        this.keys = keys;
        this.transactions = transactions;
    }

    @Override
    public ManageSigningKeysUseCase.PublicKeyExport exportPublicKey(Principal principal, KeyId keyId) {
        SigningKey key = transactions.inTransaction(() -> signingKeys.findById(keyId))
                .orElseThrow(() -> new NotFound("signing key " + keyId + " does not exist"));
        if (!key.organizationId().equals(principal.organization())) {
            throw new Forbidden("key " + keyId + " belongs to another organization");
        }
        return keys.exportPublicKey(keyId);
    }
}
