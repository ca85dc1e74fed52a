package dev.signet.bootstrap.support;

import dev.signet.application.port.in.SecurityConfig;
import dev.signet.bootstrap.Signet;
import dev.signet.domain.audit.AuditEvent;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.trust.TrustedKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test data builder: a Signet over a test database, with organizations, keys and signed packages. */
public final class SignedWorld implements AutoCloseable {
    public final KeyEncryptionKey kek = Keks.random();
    public final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
    public final Signet signet;
    private final Path dir;

    public SignedWorld(String url, String user, String password, Path dir, boolean requireSignatures) {
        this.dir = dir;
        this.signet = Signet.builder().jdbcUrl(url, user, password).auditTrail(audit::add)
                .securityConfig(SecurityConfig.builder().keyEncryptionKey(kek).requireSignatures(requireSignatures)
                        .build())
                .build();
    }

    public OrganizationId org(String name) {
        return signet.keyManager().createOrganization(name).id();
    }

    public SigningKey key(OrganizationId org, String name) {
        return signet.keyManager().createSigningKey(org, name);
    }

    /** Makes {@code org} trust {@code key}'s public key. */
    public TrustedKey trust(OrganizationId org, SigningKey key) {
        return signet.keyManager().trustPublicKeyPem(org, signet.keyManager().exportPublicKey(key.id()).publicKeyPem(),
                "trusted " + key.name());
    }

    public Path pkg(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    /** Signs with a stored key; writes PACKAGE.sig when {@code sidecar}, stores it in the database when {@code store}. */
    public Path signed(Path pkg, SigningKey key, boolean sidecar, boolean store) {
        var signature = signet.packageSigner().signPackageWithDbKey(pkg, key.id(), store).signature();
        if (sidecar) {
            signet.packageSigner().writeDetachedSignature(signature, Path.of(pkg + ".sig"));
        }
        return pkg;
    }

    @Override
    public void close() {
        signet.close();
    }
}
