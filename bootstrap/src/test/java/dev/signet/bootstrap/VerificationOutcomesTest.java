package dev.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.adapters.persistence.db.OnEveryDatabase;
import dev.signet.adapters.persistence.db.TestDatabase;
import dev.signet.application.port.in.SignatureSource;
import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.DatabaseArgs;
import dev.signet.bootstrap.support.SignedWorld;
import dev.signet.domain.audit.AuditEvent;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.verification.InvalidSignature;
import dev.signet.domain.verification.MalformedSignature;
import dev.signet.domain.verification.SignatureNotFound;
import dev.signet.domain.verification.SignatureOrigin;
import dev.signet.domain.verification.TamperedPackage;
import dev.signet.domain.verification.UntrustedSigner;
import dev.signet.domain.verification.VerificationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** Each of the five outcomes (and success), online, through the Java API and the CLI, from a .sig file and from the database. */
class VerificationOutcomesTest {
    @TempDir
    Path dir;

    @OnEveryDatabase
    void every_outcome_from_a_sig_file_and_from_the_database(TestDatabase db) throws Exception {
        try (SignedWorld world = new SignedWorld(db.url(), db.user(), db.password(), dir, true)) {
            OrganizationId org = world.org("acme");
            SigningKey trusted = world.key(org, "trusted");
            SigningKey stranger = world.key(world.org("elsewhere"), "stranger");
            world.trust(org, trusted);
            Cli cli = new Cli(dir.resolve("home"));

            for (boolean fromFile : List.of(true, false)) {
                String tag = fromFile ? "file" : "db";
                SignatureSource source = fromFile ? SignatureSource.FILE : SignatureSource.DATABASE;

                Path good = world.signed(world.pkg("good-" + tag + ".so", "good " + tag), trusted, fromFile, !fromFile);
                var verified = world.signet.verifier().verifyPackage(good, org, source);
                assertThat(verified.origin()).isEqualTo(fromFile ? SignatureOrigin.FILE : SignatureOrigin.DATABASE);
                assertThat(verified.signerFingerprint()).isEqualTo(trusted.fingerprint());
                assertThat(verified.trustPath()).isPresent();
                assertThat(cliVerify(cli, db, good, source).exitCode()).isZero();

                Path untrusted = world.signed(world.pkg("untrusted-" + tag + ".so", "u " + tag), stranger, fromFile,
                        !fromFile);
                assertOutcome(world, cli, db, untrusted, org, source, UntrustedSigner.class, 4, "untrusted_signer");

                Path missing = world.pkg("unsigned-" + tag + ".so", "unsigned " + tag);
                assertOutcome(world, cli, db, missing, org, source, SignatureNotFound.class, 6, "signature_not_found");
            }

            Path tampered = world.signed(world.pkg("tampered.so", "original"), trusted, true, false);
            Files.writeString(tampered, "changed");
            assertOutcome(world, cli, db, tampered, org, SignatureSource.AUTO, TamperedPackage.class, 3, "tampered");

            Path invalid = world.signed(world.pkg("invalid.so", "invalid"), trusted, true, false);
            flipSignatureByte(Path.of(invalid + ".sig"));
            assertOutcome(world, cli, db, invalid, org, SignatureSource.AUTO, InvalidSignature.class, 5,
                    "invalid_signature");

            Path malformed = world.signed(world.pkg("malformed.so", "malformed"), trusted, false, true);
            Files.writeString(Path.of(malformed + ".sig"), "{\"version\": 2}");
            // with AUTO a present but malformed .sig never falls back to the valid stored signature
            assertOutcome(world, cli, db, malformed, org, SignatureSource.AUTO, MalformedSignature.class, 7,
                    "malformed_signature");
            assertThat(world.signet.verifier().verifyPackage(malformed, org, SignatureSource.DATABASE)).isNotNull();
        }
    }

    @OnEveryDatabase
    void an_altered_stored_signature_is_invalid_from_the_database(TestDatabase db) throws Exception {
        try (SignedWorld world = new SignedWorld(db.url(), db.user(), db.password(), dir, true)) {
            OrganizationId org = world.org("acme");
            SigningKey trusted = world.key(org, "trusted");
            world.trust(org, trusted);
            Path pkg = world.signed(world.pkg("p.so", "p"), trusted, false, true);
            try (var connection = db.connect(); var read = connection.createStatement();
                    var row = read.executeQuery("SELECT signature FROM package_signatures")) {
                assertThat(row.next()).isTrue();
                byte[] signature = row.getBytes(1);
                signature[7] ^= 0x01;
                try (var update = connection.prepareStatement("UPDATE package_signatures SET signature = ?")) {
                    update.setBytes(1, signature);
                    assertThat(update.executeUpdate()).isEqualTo(1);
                }
            }
            assertOutcome(world, new Cli(dir.resolve("home")), db, pkg, org, SignatureSource.DATABASE,
                    InvalidSignature.class, 5, "invalid_signature");
        }
    }

    @OnEveryDatabase
    void several_stored_signatures_pass_when_any_one_is_valid_and_trusted(TestDatabase db) throws Exception {
        try (SignedWorld world = new SignedWorld(db.url(), db.user(), db.password(), dir, true)) {
            OrganizationId org = world.org("acme");
            SigningKey trusted = world.key(org, "trusted");
            SigningKey stranger = world.key(org, "stranger");
            world.trust(org, trusted);
            Path pkg = world.pkg("p.so", "p");
            world.signed(pkg, stranger, false, true);
            world.signed(pkg, trusted, false, true);
            assertThat(world.signet.verifier().verifyPackage(pkg, org, SignatureSource.AUTO).signerFingerprint())
                    .isEqualTo(trusted.fingerprint());
        }
    }

    private void assertOutcome(SignedWorld world, Cli cli, TestDatabase db, Path pkg, OrganizationId org,
            SignatureSource source, Class<? extends VerificationFailure> failure, int exitCode, String reason) {
        assertThatThrownBy(() -> world.signet.verifier().verifyPackage(pkg, org, source)).isInstanceOf(failure);
        assertThat(world.audit).last().isInstanceOfSatisfying(AuditEvent.VerificationFailed.class,
                event -> assertThat(event.failureReason()).isEqualTo(reason));
        Cli.Result result = cliVerify(cli, db, pkg, source);
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(exitCode);
        assertThat(result.errLines()).singleElement().asString().startsWith(failure.getSimpleName() + ": ");
    }

    private static Cli.Result cliVerify(Cli cli, TestDatabase db, Path pkg, SignatureSource source) {
        return cli.run(DatabaseArgs.on(db, "verify", pkg, "--org", "acme", "--source", source.name().toLowerCase()));
    }

    private static void flipSignatureByte(Path sig) throws Exception {
        String json = Files.readString(sig);
        String signature = json.replaceAll("(?s).*\"signature\": \"([^\"]+)\".*", "$1");
        byte[] bytes = Base64.getDecoder().decode(signature);
        bytes[5] ^= 0x01;
        Files.writeString(sig, json.replace(signature, Base64.getEncoder().encodeToString(bytes)));
    }
}
