package dev.signet.adapters.persistence.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.signet.adapters.persistence.db.mapper.SignetSqlSessions;
import dev.signet.adapters.persistence.db.repository.MyBatisApiTokenRepository;
import dev.signet.adapters.persistence.db.repository.MyBatisAuditLog;
import dev.signet.adapters.persistence.db.repository.MyBatisOrganizationRepository;
import dev.signet.adapters.persistence.db.repository.MyBatisIdempotentAnswers;
import dev.signet.adapters.persistence.db.repository.MyBatisPackageSignatureRepository;
import dev.signet.adapters.persistence.db.repository.MyBatisSigningKeyRepository;
import dev.signet.adapters.persistence.db.repository.MyBatisStoreKekRepository;
import dev.signet.adapters.persistence.db.repository.MyBatisTrustAclRepository;
import dev.signet.adapters.persistence.db.repository.MyBatisTrustedKeyRepository;
import dev.signet.adapters.persistence.db.repository.MyBatisTrustedTsaRepository;
import dev.signet.adapters.persistence.db.trust.DatabaseTrustVersion;
import dev.signet.adapters.persistence.db.trust.TrustChangeListener;
import dev.signet.adapters.persistence.db.trust.TrustVersionCounter;
import dev.signet.adapters.persistence.db.tx.DatabaseRetry;
import dev.signet.adapters.persistence.db.tx.MyBatisTransactions;
import dev.signet.adapters.persistence.db.tx.TransientFailures;
import dev.signet.application.port.out.ApiTokenRepository;
import dev.signet.application.port.out.AuditLog;
import dev.signet.application.port.out.DatabaseUnavailable;
import dev.signet.application.port.out.OrganizationRepository;
import dev.signet.application.port.out.IdempotentAnswers;
import dev.signet.application.port.out.PackageSignatureRepository;
import dev.signet.application.port.out.SigningKeyRepository;
import dev.signet.application.port.out.StoreKekRepository;
import dev.signet.application.port.out.Transactions;
import dev.signet.application.port.out.TrustAclRepository;
import dev.signet.application.port.out.TrustVersion;
import dev.signet.application.port.out.TrustedKeyRepository;
import dev.signet.application.port.out.TrustedTsaRepository;
import java.io.Closeable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Signet's database, ready to use: the schema migrated, the repositories and the transaction boundary built
 * over one DataSource. Works with H2 (the embedded default) and PostgreSQL.
 *
 * <p>Opening runs the Liquibase changelog (a no-op when the schema is current) under the same retry as
 * every transaction, so an unreachable database is {@link DatabaseUnavailable} after the bounded attempts.
 * Closing closes the connection pool that {@code open(url, ...)} built; a DataSource the integrator
 * supplied is never closed here.
 *
 * <p>Thread-safe: the repositories and transactions can be shared by all threads.
 */
public final class Database implements Closeable {
    /** How long {@link #openEmbedded(Path)} waits for another process to close the embedded file: a CI step's worth. */
    public static final Duration DEFAULT_EMBEDDED_WAIT = Duration.ofSeconds(60);

    private static final String EMBEDDED_USER = "signet";

    private final HikariDataSource ownedPool;
    private final Optional<EmbeddedFileHold> embeddedHold;
    private final MyBatisTransactions transactions;
    private final OrganizationRepository organizations;
    private final SigningKeyRepository signingKeys;
    private final TrustedKeyRepository trustedKeys;
    private final TrustedTsaRepository trustedTsas;
    private final TrustAclRepository trustAcls;
    private final PackageSignatureRepository packageSignatures;
    private final AuditLog auditLog;
    private final DatabaseTrustVersion trustVersion;
    private final StoreKekRepository storeKek;
    private final ApiTokenRepository apiTokens;
    private final IdempotentAnswers idempotentAnswers;

    private Database(DataSource dataSource, HikariDataSource ownedPool, Optional<EmbeddedFileHold> embeddedHold,
            DatabaseRetry retry, boolean postgres, TrustChangeListener.ConnectionSource listenerConnections,
            boolean mappersOnFirstUse) {
        this.ownedPool = ownedPool;
        this.embeddedHold = embeddedHold;
        this.transactions = new MyBatisTransactions(SignetSqlSessions.factory(dataSource, mappersOnFirstUse), retry);
        TrustVersionCounter counter = new TrustVersionCounter(postgres);
        this.trustVersion = new DatabaseTrustVersion(transactions,
                postgres ? Optional.of(new TrustChangeListener(listenerConnections)) : Optional.empty());
        this.organizations = new MyBatisOrganizationRepository(transactions);
        this.signingKeys = new MyBatisSigningKeyRepository(transactions);
        this.trustedKeys = new MyBatisTrustedKeyRepository(transactions, counter);
        this.trustedTsas = new MyBatisTrustedTsaRepository(transactions);
        this.trustAcls = new MyBatisTrustAclRepository(transactions, counter);
        this.packageSignatures = new MyBatisPackageSignatureRepository(transactions);
        this.auditLog = new MyBatisAuditLog(transactions);
        this.storeKek = new MyBatisStoreKekRepository(transactions);
        this.apiTokens = new MyBatisApiTokenRepository(transactions);
        this.idempotentAnswers = new MyBatisIdempotentAnswers(transactions);
    }

    /** The embedded default: an H2 file database under {@code home} (see {@link #h2FileUrl}). */
    public static Database openEmbedded(Path home) {
        return openEmbedded(home, DEFAULT_EMBEDDED_WAIT);
    }

    /**
     * The embedded default, waiting up to {@code waitForOtherProcess} while another process has the file open
     * (H2 embedded serves one process at a time); this Database then keeps it open until {@link #close()}.
     *
     * @throws EmbeddedDatabaseInUse when another process still has it open after the wait
     */
    public static Database openEmbedded(Path home, Duration waitForOtherProcess) {
        return openEmbedded(home, waitForOtherProcess, DatabaseOptions.defaults());
    }

    /** As {@link #openEmbedded(Path, Duration)}, with these options. */
    public static Database openEmbedded(Path home, Duration waitForOtherProcess, DatabaseOptions options) {
        Objects.requireNonNull(waitForOtherProcess, "wait");
        Objects.requireNonNull(options, "options");
        if (waitForOtherProcess.isNegative()) {
            throw new IllegalArgumentException("the wait for the embedded database must not be negative, got "
                    + waitForOtherProcess);
        }
        String url = h2FileUrl(home);
        Optional<EmbeddedFileHold> hold = EmbeddedFileHold.acquire(url, EMBEDDED_USER, "",
                home.toAbsolutePath().normalize().resolve("signet.mv.db"), waitForOtherProcess);
        try {
            return open(url, EMBEDDED_USER, "", options, hold);
        } catch (RuntimeException | Error e) {
            hold.ifPresent(EmbeddedFileHold::close);
            throw e;
        }
    }

    /** A database by JDBC URL (H2 or PostgreSQL), through a connection pool this Database owns. */
    public static Database open(String jdbcUrl, String user, String password) {
        return open(jdbcUrl, user, password, DatabaseOptions.defaults());
    }

    /**
     * A database by JDBC URL (H2 or PostgreSQL), through a connection pool this Database owns.
     * {@code user} and {@code password} may be null when the URL carries them.
     *
     * @throws DatabaseUnavailable when the database cannot be reached after the bounded attempts
     * @throws MigrationFailed when the schema cannot be brought up to date for another reason
     */
    public static Database open(String jdbcUrl, String user, String password, DatabaseOptions options) {
        return open(jdbcUrl, user, password, options, Optional.empty());
    }

    private static Database open(String jdbcUrl, String user, String password, DatabaseOptions options,
            Optional<EmbeddedFileHold> embeddedHold) {
        HikariDataSource pool = new HikariDataSource(poolConfig(jdbcUrl, user, password, options));
        try {
            // the trust listener's one long-lived connection comes from outside the pool, which stays the work's
            return migrateAndBuild(pool, pool, embeddedHold, new DatabaseRetry(options.retry(), password), password,
                    () -> DriverManager.getConnection(jdbcUrl, user, password), options.mappersOnFirstUse());
        } catch (RuntimeException | Error e) {
            pool.close();
            throw e;
        }
    }

    /** A database through a DataSource the integrator supplies, pools and closes. */
    public static Database open(DataSource dataSource) {
        return open(dataSource, DatabaseOptions.defaults());
    }

    /**
     * A database through a DataSource the integrator supplies, pools and closes; only
     * {@link DatabaseOptions#retry()} applies. On PostgreSQL, once trust is first verified against, one of its
     * connections is held for LISTEN/NOTIFY until {@link #close()} (see TrustChangeListener): size the pool for it.
     *
     * @throws DatabaseUnavailable when the database cannot be reached after the bounded attempts
     * @throws MigrationFailed when the schema cannot be brought up to date for another reason
     */
    public static Database open(DataSource dataSource, DatabaseOptions options) {
        return migrateAndBuild(Objects.requireNonNull(dataSource, "data source"), null, Optional.empty(),
                new DatabaseRetry(options.retry(), null), null, dataSource::getConnection, options.mappersOnFirstUse());
    }

    /**
     * The JDBC URL of the embedded database: file {@code signet.mv.db} in {@code home}.
     *
     * <p>AUTO_SERVER is off on purpose. With it, H2 would let a second process share the file by opening a
     * TCP server in the first, listening on every network interface (H2 starts it with -tcpAllowOthers),
     * so the key store would be reachable from the network, guarded only by the embedded user's password.
     * Without it, one process at a time holds the file. A second one waits rather than fails:
     * {@link #openEmbedded(Path, Duration)} polls for the file for the wait it is given (60 s by default),
     * which covers a queue of CLI runs (about a second each); only past that is it
     * {@link EmbeddedDatabaseInUse}. Long-running or concurrent signers should use PostgreSQL.
     */
    public static String h2FileUrl(Path home) {
        String base = home.toAbsolutePath().normalize().resolve("signet").toString();
        if (base.indexOf(';') >= 0) {
            // H2 reads ';' in a URL as the start of a setting.
            throw new IllegalArgumentException("the Signet home must not contain ';': " + home);
        }
        // LOCK_TIMEOUT: audit appends serialise on one row; H2's default of 1 s to wait for it is too short
        return "jdbc:h2:file:" + base + ";AUTO_SERVER=FALSE;LOCK_TIMEOUT=10000";
    }

    public OrganizationRepository organizations() {
        return organizations;
    }

    public SigningKeyRepository signingKeys() {
        return signingKeys;
    }

    public TrustedKeyRepository trustedKeys() {
        return trustedKeys;
    }

    public TrustedTsaRepository trustedTsas() {
        return trustedTsas;
    }

    public TrustAclRepository trustAcls() {
        return trustAcls;
    }

    public IdempotentAnswers idempotentAnswers() {
        return idempotentAnswers;
    }

    public PackageSignatureRepository packageSignatures() {
        return packageSignatures;
    }

    /** Which key-encryption key the store's software keys are wrapped under. */
    public StoreKekRepository storeKek() {
        return storeKek;
    }

    /** The durable, hash-chained audit trail; appends join the caller's transaction. */
    /** The service's API tokens (hashes of their secrets). */
    public ApiTokenRepository apiTokens() {
        return apiTokens;
    }

    public AuditLog auditLog() {
        return auditLog;
    }

    public Transactions transactions() {
        return transactions;
    }

    /** The counter of changes to trust, pushed by PostgreSQL (LISTEN/NOTIFY) and read from H2. */
    public TrustVersion trustVersion() {
        return trustVersion;
    }

    /**
     * Stops listening for trust changes and closes the connection pool this Database built, if it built one;
     * an embedded database's file is then free for another process.
     */
    @Override
    public void close() {
        try {
            trustVersion.close();
        } finally {
            try {
                if (ownedPool != null) {
                    ownedPool.close();
                }
            } finally {
                embeddedHold.ifPresent(EmbeddedFileHold::close);
            }
        }
    }

    private static Database migrateAndBuild(DataSource dataSource, HikariDataSource ownedPool,
            Optional<EmbeddedFileHold> embeddedHold, DatabaseRetry retry, String secretToMask,
            TrustChangeListener.ConnectionSource listenerConnections, boolean mappersOnFirstUse) {
        boolean postgres = retry.call(() -> {
            try {
                if (!SchemaStatus.isCurrent(dataSource)) {
                    Migrations.apply(dataSource);
                }
                return isPostgres(dataSource);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                if (TransientFailures.isTransient(e)) {
                    // Only carries the failure to the retry, which reports it as DatabaseUnavailable.
                    throw new UncheckedConnectionFailure(e);
                }
                throw new MigrationFailed(TransientFailures.describeRootCause(e, secretToMask), e);
            }
        });
        return new Database(dataSource, ownedPool, embeddedHold, retry, postgres, listenerConnections,
                mappersOnFirstUse);
    }

    private static boolean isPostgres(DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
        }
    }

    private static final class UncheckedConnectionFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UncheckedConnectionFailure(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }

    private static HikariConfig poolConfig(String jdbcUrl, String user, String password, DatabaseOptions options) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(Objects.requireNonNull(jdbcUrl, "JDBC URL"));
        config.setUsername(user);
        config.setPassword(password);
        config.setPoolName("signet");
        config.setMaximumPoolSize(options.maximumPoolSize());
        // Open connections as they are needed: a CLI run uses one or two, and an idle pool of ten embedded
        // connections would only slow start and close.
        config.setMinimumIdle(1);
        config.setConnectionTimeout(options.connectionTimeout().toMillis());
        // Don't fail while building the pool: the first real use fails instead, inside the retry, and so
        // becomes DatabaseUnavailable like any later outage.
        config.setInitializationFailTimeout(-1);
        return config;
    }
}
