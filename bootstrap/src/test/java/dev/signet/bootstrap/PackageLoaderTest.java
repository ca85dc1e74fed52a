package dev.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.adapters.crypto.soft.BouncyCastleSignatureVerifier;
import dev.signet.adapters.crypto.soft.HashingPackageStager;
import dev.signet.adapters.crypto.soft.StreamingPackageHasher;
import dev.signet.adapters.persistence.db.Database;
import dev.signet.adapters.persistence.db.OnEveryDatabase;
import dev.signet.adapters.persistence.db.TestDatabase;
import dev.signet.adapters.persistence.sigfile.JsonDetachedSignatureFiles;
import dev.signet.application.port.in.LoadPackageUseCase.LoadedPackage;
import dev.signet.application.port.in.SecurityConfig;
import dev.signet.application.port.out.PackageStaging;
import dev.signet.application.service.OnlineVerificationService;
import dev.signet.application.service.PackageLoaderService;
import dev.signet.application.service.TrustCache;
import dev.signet.bootstrap.support.DatabaseArgs;
import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.SignedWorld;
import dev.signet.domain.audit.AuditEvent;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.verification.MalformedSignature;
import dev.signet.domain.verification.SignatureNotFound;
import dev.signet.domain.verification.TamperedPackage;
import dev.signet.domain.verification.UntrustedSigner;
import dev.signet.domain.verification.VerificationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The package-loading gate: what does not verify never reaches the caller, and what does is exactly what was verified. */
class PackageLoaderTest {
    @TempDir
    Path dir;

    @OnEveryDatabase
    void with_signatures_required_only_verified_packages_load(TestDatabase db) throws Exception {
        try (SignedWorld world = new SignedWorld(db.url(), db.user(), db.password(), dir, true)) {
            OrganizationId org = world.org("acme");
            SigningKey trusted = world.key(org, "trusted");
            SigningKey stranger = world.key(org, "stranger");
            world.trust(org, trusted);

            Path good = world.signed(world.pkg("good.so", "good"), trusted, true, false);
            LoadedPackage loaded = world.signet.packageLoader().load(good, org);
            assertThat(loaded.signatureVerified()).isTrue();
            assertThat(loaded.path()).isNotEqualTo(good).hasSameBinaryContentAs(good);
            assertThat(world.audit).last().isInstanceOfSatisfying(AuditEvent.PackageLoadSucceeded.class,
                    event -> assertThat(event.signatureVerified()).isTrue());

            assertRefused(world, org, world.pkg("unsigned.so", "unsigned"), SignatureNotFound.class);
            Path tampered = world.signed(world.pkg("tampered.so", "tampered"), trusted, true, false);
            Files.writeString(tampered, "evil");
            assertRefused(world, org, tampered, TamperedPackage.class);
            assertRefused(world, org, world.signed(world.pkg("untrusted.so", "u"), stranger, true, false),
                    UntrustedSigner.class);
            Path malformed = world.pkg("malformed.so", "m");
            Files.writeString(Path.of(malformed + ".sig"), "not json");
            assertRefused(world, org, malformed, MalformedSignature.class);
        }
    }

    @OnEveryDatabase
    void with_signatures_not_required_an_unsigned_package_loads_unverified(TestDatabase db) throws Exception {
        try (SignedWorld world = new SignedWorld(db.url(), db.user(), db.password(), dir, false)) {
            OrganizationId org = world.org("acme");
            Path unsigned = world.pkg("unsigned.so", "unsigned");
            LoadedPackage loaded = world.signet.packageLoader().load(unsigned, org);
            assertThat(loaded.signatureVerified()).isFalse();
            assertThat(loaded.path()).hasSameBinaryContentAs(unsigned);
            assertThat(world.audit).last().isInstanceOfSatisfying(AuditEvent.PackageLoadSucceeded.class, event -> {
                assertThat(event.signatureVerified()).isFalse();
                assertThat(event.fields()).containsEntry("signature_verified", false);
            });

            // a signature that is present and bad still stops the package
            SigningKey key = world.key(org, "k");
            world.trust(org, key);
            Path tampered = world.signed(world.pkg("tampered.so", "tampered"), key, true, false);
            Files.writeString(tampered, "evil");
            assertThatThrownBy(() -> world.signet.packageLoader().load(tampered, org))
                    .isInstanceOf(TamperedPackage.class);
        }
    }

    @OnEveryDatabase
    void swapping_the_file_after_it_was_checked_smuggles_nothing_through(TestDatabase db) throws Exception {
        try (SignedWorld world = new SignedWorld(db.url(), db.user(), db.password(), dir, true)) {
            OrganizationId org = world.org("acme");
            SigningKey key = world.key(org, "k");
            world.trust(org, key);
            Path pkg = world.signed(world.pkg("plugin.so", "the genuine plugin"), key, true, false);
            Database database = db.open();
            StreamingPackageHasher hasher = new StreamingPackageHasher();
            HashingPackageStager realStager = new HashingPackageStager(hasher, Files.createDirectory(dir.resolve("staged")));
            PackageStaging attackerRacesTheLoader = new PackageStaging() {
                @Override
                public StagedPackage stage(Path packageFile, long maxBytes) {
                    StagedPackage staged = realStager.stage(packageFile, maxBytes);
                    try {
                        Files.writeString(packageFile, "an evil plugin"); // swapped right after the bytes were read
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return staged;
                }

                @Override
                public void discard(StagedPackage staged) {
                    realStager.discard(staged);
                }
            };
            OnlineVerificationService verification = new OnlineVerificationService(hasher,
                    new JsonDetachedSignatureFiles(), database.packageSignatures(), database.organizations(),
                    database.trustedKeys(), database.trustAcls(),
                    new TrustCache(database.organizations(), database.trustedKeys(), database.trustAcls(),
                            database.trustVersion(), database.transactions()),
                    new BouncyCastleSignatureVerifier(), database.transactions(), world.audit::add, java.time.Clock.systemUTC());
            PackageLoaderService loader = new PackageLoaderService(attackerRacesTheLoader, verification,
                    SecurityConfig.builder().build(), world.audit::add);

            LoadedPackage loaded = loader.load(pkg, org);

            assertThat(pkg).hasContent("an evil plugin");
            assertThat(loaded.path()).hasContent("the genuine plugin");
            assertThat(loaded.signatureVerified()).isTrue();
            // and the swapped original no longer loads at all
            assertThatThrownBy(() -> world.signet.packageLoader().load(pkg, org)).isInstanceOf(TamperedPackage.class);
        }
    }

    @OnEveryDatabase
    void the_cli_load_command_writes_only_verified_bytes(TestDatabase db) throws Exception {
        try (SignedWorld world = new SignedWorld(db.url(), db.user(), db.password(), dir, true)) {
            OrganizationId org = world.org("acme");
            SigningKey key = world.key(org, "k");
            world.trust(org, key);
            Path good = world.signed(world.pkg("good.so", "good"), key, true, false);
            Path unsigned = world.pkg("unsigned.so", "unsigned");
            Cli cli = new Cli(dir.resolve("home"));

            Cli.Result loaded = cli.run(DatabaseArgs.on(db, "load", good, "--org", "acme",
                    "--out", dir.resolve("loaded.so")));
            assertThat(loaded.exitCode()).as(loaded.toString()).isZero();
            assertThat(dir.resolve("loaded.so")).hasContent("good");

            Cli.Result refused = cli.run(DatabaseArgs.on(db, "load", unsigned, "--org", "acme",
                    "--out", dir.resolve("refused.so")));
            assertThat(refused.exitCode()).isEqualTo(6);
            assertThat(dir.resolve("refused.so")).doesNotExist();

            Cli.Result allowed = cli.run(DatabaseArgs.on(db, "load", unsigned, "--org", "acme",
                    "--out", dir.resolve("allowed.so"), "--allow-unsigned"));
            assertThat(allowed.exitCode()).as(allowed.toString()).isZero();
            assertThat(allowed.out()).startsWith("Loaded UNSIGNED");
        }
    }

    private static void assertRefused(SignedWorld world, OrganizationId org, Path pkg,
            Class<? extends VerificationFailure> failure) {
        assertThatThrownBy(() -> world.signet.packageLoader().load(pkg, org)).isInstanceOf(failure);
        assertThat(world.audit).last().isInstanceOfSatisfying(AuditEvent.PackageLoadFailed.class,
                event -> assertThat(event.packagePath()).isEqualTo(pkg.toString()));
    }
}
