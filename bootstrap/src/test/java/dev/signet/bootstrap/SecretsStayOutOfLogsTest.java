package dev.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.signet.adapters.crypto.soft.AesGcmPrivateKeyWrapper;
import dev.signet.adapters.persistence.db.OnEveryDatabase;
import dev.signet.adapters.persistence.db.TestDatabase;
import dev.signet.application.port.in.SecurityConfig;
import dev.signet.bootstrap.support.DatabaseArgs;
import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.Keks;
import dev.signet.domain.Hex;
import dev.signet.domain.key.Ed25519PrivateKey;
import dev.signet.domain.key.KeyCustody;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.organization.OrganizationId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Nothing secret is ever written down: every log line (all loggers, all levels), every exception message
 * and everything the CLI prints during a create-sign-rotate run is searched for the KEKs and the private
 * key, in hex and base64.
 */
class SecretsStayOutOfLogsTest {
    @TempDir
    Path dir;

    @OnEveryDatabase
    void a_create_sign_rotate_run_writes_no_secret_anywhere(TestDatabase db) throws Exception {
        byte[] kekBytes = Keks.randomBytes();
        byte[] nextKekBytes = Keks.randomBytes();
        KeyEncryptionKey kek = KeyEncryptionKey.of(kekBytes);
        KeyEncryptionKey next = KeyEncryptionKey.of(nextKekBytes);
        List<String> written = new ArrayList<>();
        ListAppender<ILoggingEvent> logs = captureAllLogging();
        try {
            SigningKey key;
            Path pkg = Files.writeString(dir.resolve("p.so"), "package");
            try (Signet signet = Signet.builder().jdbcUrl(db.url(), db.user(), db.password())
                    .securityConfig(SecurityConfig.builder().keyEncryptionKey(kek).build()).build()) {
                OrganizationId org = signet.keyManager().createOrganization("acme").id();
                key = signet.keyManager().createSigningKey(org, "release", kek);
                written.add(String.valueOf(key));
                written.add(String.valueOf(signet.packageSigner().signPackageWithDbKey(pkg, key.id(), kek, true)));
                written.add(messages(catchThrowable(() -> signet.packageSigner()
                        .signPackageWithDbKey(pkg, key.id(), next, true))));
                written.add(String.valueOf(signet.securityConfig()));
            }
            Path nextKekFile = Keks.ownerOnly(Files.writeString(dir.resolve("next.kek"), Hex.encode(nextKekBytes)));
            Cli.Result rotated = new Cli(dir.resolve("home"),
                    Map.of("SIGNET_KEY_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(kekBytes)))
                    .run(DatabaseArgs.on(db, "kek", "rotate", "--new-kek-file", nextKekFile, "--verbose"));
            assertThat(rotated.exitCode()).as(rotated.toString()).isZero();
            written.add(rotated.out() + rotated.err());
            Cli.Result wrongKek = new Cli(dir.resolve("home"),
                    Map.of("SIGNET_KEY_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(kekBytes)))
                    .run(DatabaseArgs.on(db, "sign", pkg, "--key", key.id(), "--verbose"));
            assertThat(wrongKek.exitCode()).as(wrongKek.toString()).isEqualTo(1);
            written.add(wrongKek.out() + wrongKek.err());

            byte[] seed = privateSeed(db, key, next);
            written.addAll(logs.list.stream().map(SecretsStayOutOfLogsTest::render).toList());

            assertThat(String.join("\n", written)).as("the search covers what the run logged (its audit events)")
                    .contains("key.signing.created", key.fingerprint().hex(), "WrongKeyEncryptionKey");
            List<String> secrets = List.of(Hex.encode(kekBytes), Base64.getEncoder().encodeToString(kekBytes),
                    Hex.encode(nextKekBytes), Base64.getEncoder().encodeToString(nextKekBytes), Hex.encode(seed),
                    Base64.getEncoder().encodeToString(seed));
            for (String text : written) {
                for (String secret : secrets) {
                    assertThat(text.toLowerCase()).doesNotContain(secret.toLowerCase());
                }
            }
        } finally {
            stopCapturing(logs);
        }
    }


    private static byte[] privateSeed(TestDatabase db, SigningKey key, KeyEncryptionKey kek) {
        try (var database = db.open()) {
            SigningKey stored = database.signingKeys().findById(key.id()).orElseThrow();
            try (Ed25519PrivateKey privateKey = new AesGcmPrivateKeyWrapper().unwrap(
                    (KeyCustody.Software) stored.custody(), kek, key.id(), key.organizationId())) {
                return privateKey.seed();
            }
        }
    }

    private static String messages(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }

    private static String render(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage());
        for (Object argument : event.getArgumentArray() == null ? new Object[0] : event.getArgumentArray()) {
            text.append(' ').append(argument);
        }
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            text.append(' ').append(t.getClassName()).append(": ").append(t.getMessage());
        }
        return text.toString();
    }

    private static ListAppender<ILoggingEvent> captureAllLogging() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.setContext(context);
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.ALL);
        context.getLoggerList().forEach(logger -> {
            if (logger != root) {
                logger.setLevel(null);
                logger.setAdditive(true);
            }
        });
        return appender;
    }

    private static void stopCapturing(ListAppender<ILoggingEvent> appender) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAppender(appender);
        root.setLevel(Level.WARN);
    }
}
