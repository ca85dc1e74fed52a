package dev.signet.bootstrap;

import dev.signet.adapters.audit.Slf4jAuditTrail;
import dev.signet.adapters.crypto.pkcs11.Pkcs11Config;
import dev.signet.adapters.crypto.pkcs11.Pkcs11KeyCustodian;
import dev.signet.adapters.crypto.pkcs11.TokenKeyEncryptionKeys;
import dev.signet.adapters.persistence.db.Database;
import dev.signet.adapters.persistence.db.DatabaseOptions;
import dev.signet.adapters.persistence.sigfile.JsonAuditCheckpointFiles;
import dev.signet.adapters.http.ServicePorts;
import dev.signet.application.port.in.AuditCheckpointUseCase;
import dev.signet.application.port.in.AuthenticateUseCase;
import dev.signet.application.port.in.ManageTokensUseCase;
import dev.signet.application.port.in.ReadinessUseCase;
import dev.signet.application.port.in.ServicePublicKeysUseCase;
import dev.signet.application.port.in.SignDigestUseCase;
import dev.signet.application.port.in.AuditUseCase;
import dev.signet.application.port.in.CreateTokenKekUseCase;
import dev.signet.application.port.in.LoadPackageUseCase;
import dev.signet.application.port.in.ManageTsaTrustUseCase;
import dev.signet.application.port.in.SecurityConfig;
import dev.signet.application.port.out.AuditTrail;
import dev.signet.application.port.out.HsmKeyCustodian;
import dev.signet.application.port.out.PrivateKeyWrapper;
import dev.signet.application.service.AuditCheckpointService;
import dev.signet.application.service.AuditService;
import dev.signet.application.service.AuditTrailAccess;
import dev.signet.application.service.OrganizationAdministration;
import dev.signet.application.service.DeferredAuditWriter;
import dev.signet.application.service.DurableAuditTrail;
import dev.signet.application.service.TrustCache;
import dev.signet.application.service.OnlineVerificationService;
import dev.signet.application.service.StoredKeySigner;
import dev.signet.application.service.TokenService;
import dev.signet.domain.key.KeyEncryptionKey;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The one entry point for integrators. Build it over a DataSource, a JDBC URL or the embedded default;
 * it migrates the schema and hands out the key manager and package signer. Close it to release the
 * connection pool it created (never a DataSource you gave it).
 *
 * <pre>{@code
 * try (Signet signet = Signet.builder().jdbcUrl(url, user, password).securityConfig(config).build()) {
 *     SigningKey key = signet.keyManager().createSigningKey(orgId, "release-key-v1", kek);
 * }
 * }</pre>
 */
public final class Signet implements AutoCloseable {
    private final Database database;
    private final Optional<Pkcs11KeyCustodian> hsm;
    private final Optional<TokenKeyEncryptionKeys> tokenKeks;
    private final CreateTokenKekUseCase tokenKekCreation;
    static {
        // audit events outside a request name the OS user the process runs as (a server's requests name their principal)
        ProcessCaller.install();
    }

    private final KeyManager keyManager;
    private final ManageTsaTrustUseCase tsaTrust;
    private final PackageSigner packageSigner;
    private final PackageVerifier verifier;
    private final LoadPackageUseCase packageLoader;
    private final AuditUseCase audit;
    private final AuditCheckpointUseCase auditCheckpoints;
    private final SecurityConfig config;
    private final DeferredAuditWriter deferredAudit;
    private final boolean wipeKekOnClose;
    private final OfflineComponents offline;
    private final ManageTokensUseCase tokens;
    private final ServicePorts servicePorts;

    private Signet(Database database, Optional<Pkcs11KeyCustodian> hsm, OfflineComponents offline,
            SecurityConfig config, boolean wipeKekOnClose, AuditTrail audit, Clock clock) {
        this.database = database;
        this.wipeKekOnClose = wipeKekOnClose;
        this.offline = offline;
        this.hsm = hsm;
        this.config = config;
        this.deferredAudit = new DeferredAuditWriter(database.auditLog(), database.transactions());
        try {
            AuditTrail durable = new DurableAuditTrail(database.auditLog(), deferredAudit, audit, clock);
            TrustCache trustCache = new TrustCache(database.organizations(), database.trustedKeys(), database.trustAcls(),
                    database.trustVersion(), database.transactions());
            this.tokenKeks = hsm.map(TokenKeyEncryptionKeys::new);
            KeyStoreModule wiring = new KeyStoreModule(database, offline, config,
                    hsm.map(HsmKeyCustodian.class::cast), tokenKeks, durable, trustCache, clock);
            this.keyManager = new KeyManager(wiring.organizations(), wiring.signingKeys(), wiring.trust(),
                    wiring.kekRotation(), config);
            this.packageSigner = new PackageSigner(wiring.storedKeySigning(), offline.signatureFiles(), config);
            OnlineVerificationService verification = wiring.onlineVerification();
            this.tsaTrust = wiring.tsaTrust();
            this.verifier = new PackageVerifier(verification, verification);
            this.packageLoader = wiring.packageLoader();
            StoredKeySigner storedKeys = wiring.storedKeySigner();
            this.tokenKekCreation = wiring.tokenKekCreation();
            TokenService tokenService = wiring.tokens();
            this.tokens = tokenService;
            this.audit = new AuditService(database.auditLog(), deferredAudit, database.transactions());
            this.auditCheckpoints = new AuditCheckpointService(database.auditLog(), deferredAudit,
                    database.transactions(), database.signingKeys(), storedKeys, offline.verifier(),
                    new JsonAuditCheckpointFiles(), durable, clock);
            this.servicePorts = new ServicePorts(tokenService, wiring.digestSigning(), verification,
                    wiring.servicePublicKeys(), wiring.organizations(),
                    wiring.readiness(deferredAudit::depth, hsm.map(Pkcs11KeyCustodian::health)),
                    new OrganizationAdministration(wiring.organizations(), wiring.signingKeys(), wiring.trust(),
                            tokenService, database.signingKeys(), database.trustedKeys(), database.apiTokens(),
                            database.transactions(), config.keyEncryptionKey(), clock),
                    new AuditTrailAccess(this.audit, this.auditCheckpoints, database.signingKeys(), database.transactions(),
                            config.keyEncryptionKey()));
        } catch (RuntimeException | Error e) {
            deferredAudit.close(); // its thread would outlive a Signet that never was
            throw e;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public KeyManager keyManager() {
        return keyManager;
    }

    /** Which RFC 3161 time-stamping authorities each organization trusts (issue 14). */
    public ManageTsaTrustUseCase tsaTrust() {
        return tsaTrust;
    }

    public PackageSigner packageSigner() {
        return packageSigner;
    }

    public PackageVerifier verifier() {
        return verifier;
    }

    /**
     * The package-loading gate: {@code load(path, orgId)} hands over a private copy of the package holding
     * exactly the verified bytes (see {@link LoadPackageUseCase}).
     */
    public LoadPackageUseCase packageLoader() {
        return packageLoader;
    }

    /**
     * Generates a key-encryption key inside the configured PKCS#11 token (AES-256, sensitive,
     * non-extractable) and returns it; use it like a KEK given at run time, e.g. as the target of
     * {@link KeyManager#rotateKeyEncryptionKey}. Recorded as {@code kek.created}.
     */
    public KeyEncryptionKey createKeyEncryptionKeyInToken(String label) {
        return tokenKekCreation.createInToken(label);
    }

    /** The durable audit trail: list its records, and check that its hash chain is whole. */
    public AuditUseCase audit() {
        return audit;
    }

    /**
     * Signed checkpoints of the audit chain: take one with an audit key (for a software key, give the KEK, e.g.
     * {@code securityConfig().keyEncryptionKey()}), keep it outside the database, and check the chain against it.
     */
    public AuditCheckpointUseCase auditCheckpoints() {
        return auditCheckpoints;
    }

    /** The service's API tokens: issue (the secret is shown once), list, revoke. */
    public ManageTokensUseCase tokens() {
        return tokens;
    }

    /** The in-ports the HTTP service calls, for {@link SignetService}. */
    ServicePorts servicePorts() {
        return servicePorts;
    }

    public SecurityConfig securityConfig() {
        return config;
    }

    /** Writes the audit records still waiting, then lets go of the HSM and the database (and wipes a KEK it owns). */
    @Override
    public void close() {
        offline.close(); // catches its own failures: a staging folder left behind is swept by a later start
        try {
            deferredAudit.close();
        } finally {
            try {
                hsm.ifPresent(Pkcs11KeyCustodian::close);
            } finally {
                try {
                    database.close();
                } finally {
                    if (wipeKekOnClose) {
                        config.keyEncryptionKey().ifPresent(KeyEncryptionKey::close);
                    }
                }
            }
        }
    }

    public static final class Builder {
        private DataSource dataSource;
        private String jdbcUrl;
        private String user;
        private String password;
        private Path home;
        private Duration embeddedWait = Database.DEFAULT_EMBEDDED_WAIT;
        private Path stagingFolder;
        private SecurityConfig config = SecurityConfig.builder().build();
        /** Null for the default, made only when needed: Slf4jAuditTrail starts the logging framework. */
        private AuditTrail audit;
        private Clock clock = Clock.systemUTC();
        private Pkcs11Config pkcs11;
        /** Set once build() wiped the PIN of {@link #pkcs11}: a second build() would offer the token zeros. */
        private boolean pkcs11PinWiped;
        private boolean wipeKekOnClose;
        private boolean forOneCommand;

        private Builder() {
        }

        /** An integrator's pool; Signet migrates it and never closes it. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /** A database Signet pools itself, e.g. {@code jdbc:postgresql://db/signet}. */
        public Builder jdbcUrl(String jdbcUrl, String user, String password) {
            this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            this.user = user;
            this.password = password;
            return this;
        }

        /** The embedded default: an H2 file database in {@code home} (default ~/.signet). */
        public Builder embedded(Path home) {
            this.home = Objects.requireNonNull(home, "home");
            return this;
        }

        /**
         * The embedded default, waiting up to {@code waitForOtherProcess} (default 60 s) while another process
         * has it open: one process at a time uses the embedded database (concurrent use: PostgreSQL).
         */
        public Builder embedded(Path home, Duration waitForOtherProcess) {
            this.embeddedWait = Objects.requireNonNull(waitForOtherProcess, "waitForOtherProcess");
            return embedded(home);
        }

        /**
         * Where the package loader keeps its private copies: a folder of this process's own is made in it on the
         * first load and removed on close. Default: the embedded home if one is given, else ~/.signet.
         */
        public Builder stagingFolder(Path stagingFolder) {
            this.stagingFolder = Objects.requireNonNull(stagingFolder, "stagingFolder");
            return this;
        }

        public Builder securityConfig(SecurityConfig config) {
            this.config = Objects.requireNonNull(config, "securityConfig");
            return this;
        }

        /**
         * For a process that runs one command and exits (the CLI does): the database's SQL mappers are each read
         * when first used rather than all at open, which is most of a short command's database start-up. A
         * long-running process should not: its statements then take one more lock each.
         */
        public Builder forOneCommand() {
            this.forOneCommand = true;
            return this;
        }

        /**
         * Where audit events are streamed; by default the {@code signet.audit} SLF4J logger, as JSON. They
         * are also always appended to the database's audit chain.
         */
        public Builder auditTrail(AuditTrail audit) {
            this.audit = Objects.requireNonNull(audit, "auditTrail");
            return this;
        }

        /**
         * Enables HSM keys: a PKCS#11 module (e.g. /usr/lib/softhsm/libsofthsm2.so), the token's label, the
         * user PIN (copied; wipe yours) and how many sessions to pool (signing concurrency). The JVM needs
         * the flags in docs/architecture.md ("PKCS#11").
         */
        public Builder pkcs11(Path library, String tokenLabel, char[] pin, int sessions) {
            this.pkcs11 = new Pkcs11Config(Objects.requireNonNull(library, "library"),
                    Objects.requireNonNull(tokenLabel, "tokenLabel"), Objects.requireNonNull(pin, "pin"), sessions);
            this.pkcs11PinWiped = false;
            return this;
        }

        /**
         * Signet wipes the SecurityConfig's key-encryption key when it closes, or when {@link #build()} fails:
         * for callers that made the KEK for this Signet alone, as the CLI does. Without it the KEK is the
         * caller's to close.
         */
        public Builder wipeKeyEncryptionKeyOnClose() {
            this.wipeKekOnClose = true;
            return this;
        }

        /** The clock that stamps keys and signatures; for tests. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Opens the database and, if configured, the PKCS#11 token. The builder's copy of the PIN is wiped
         * afterwards, whether or not this succeeded; call {@link #pkcs11} again before building another.
         */
        public Signet build() {
            if (pkcs11PinWiped) {
                throw new IllegalStateException("this builder's PKCS#11 PIN was wiped by an earlier build(); "
                        + "call pkcs11(...) again");
            }
            try {
                return open();
            } catch (RuntimeException | Error e) {
                if (wipeKekOnClose) {
                    config.keyEncryptionKey().ifPresent(KeyEncryptionKey::close);
                }
                throw e;
            } finally {
                if (pkcs11 != null) {
                    pkcs11.wipePin();
                    pkcs11PinWiped = true;
                }
            }
        }

        private Signet open() {
            DatabaseOptions options = forOneCommand ? DatabaseOptions.defaults().withMappersOnFirstUse()
                    : DatabaseOptions.defaults();
            Database database = dataSource != null ? Database.open(dataSource, options)
                    : jdbcUrl != null ? Database.open(jdbcUrl, user, password, options)
                    : Database.openEmbedded(home != null ? home : OfflineComponents.defaultHome(), embeddedWait, options);
            Optional<Pkcs11KeyCustodian> hsm = Optional.empty();
            try {
                if (pkcs11 != null) {
                    hsm = Optional.of(Pkcs11KeyCustodian.open(pkcs11));
                }
                Path staging = stagingFolder != null ? stagingFolder : home != null ? home : OfflineComponents.defaultHome();
                AuditTrail stream = audit != null ? audit : new Slf4jAuditTrail();
                return new Signet(database, hsm, new OfflineComponents(stream, clock, staging), config, wipeKekOnClose,
                        stream, clock);
            } catch (RuntimeException e) {
                hsm.ifPresent(Pkcs11KeyCustodian::close);
                database.close();
                throw e;
            }
        }
    }
}
