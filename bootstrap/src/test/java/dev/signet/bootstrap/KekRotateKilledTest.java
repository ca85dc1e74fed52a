package dev.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.adapters.persistence.db.OnEveryDatabase;
import dev.signet.adapters.persistence.db.TestDatabase;
import dev.signet.bootstrap.support.DatabaseArgs;
import dev.signet.bootstrap.support.Keks;
import dev.signet.domain.Hex;
import dev.signet.domain.SignetException;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.organization.OrganizationId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;

/**
 * `signet kek rotate` killed with SIGKILL part-way: afterwards every key opens under exactly one KEK (all
 * under the same one, since the rotation is one transaction), and running the command again finishes it.
 * Whenever the kill lands (before, during or after the commit) these must hold, so the test does not
 * depend on timing.
 */
class KekRotateKilledTest {
    private static final int KEYS = 200;

    @TempDir
    Path dir;

    @OnEveryDatabase
    void a_killed_rotation_leaves_every_key_under_one_kek_and_can_be_rerun(TestDatabase db) throws Exception {
        byte[] oldBytes = Keks.randomBytes();
        byte[] newBytes = Keks.randomBytes();
        KeyEncryptionKey.InMemory oldKek = KeyEncryptionKey.of(oldBytes);
        KeyEncryptionKey.InMemory newKek = KeyEncryptionKey.of(newBytes);
        Path oldFile = Keks.ownerOnly(Files.writeString(dir.resolve("old.kek"), Hex.encode(oldBytes)));
        Path newFile = Keks.ownerOnly(Files.writeString(dir.resolve("new.kek"), Hex.encode(newBytes)));
        List<SigningKey> keys = new ArrayList<>();
        try (Signet signet = open(db)) {
            OrganizationId org = signet.keyManager().createOrganization("acme").id();
            for (int i = 0; i < KEYS; i++) {
                keys.add(signet.keyManager().createSigningKey(org, "key-" + i, oldKek));
            }
        }

        // an unkilled run takes about 3.5 s here, most of it JVM start-up: these land before, in and after the work
        for (long killAfterMillis : new long[] {2000, 2600, 3000, 3300}) {
            Process rotation = startCli(db, "kek", "rotate", "--kek-file", oldFile.toString(), "--new-kek-file",
                    newFile.toString(), "--home", dir.resolve("home").toString());
            Thread.sleep(killAfterMillis);
            rotation.destroyForcibly(); // SIGKILL
            assertThat(rotation.waitFor(30, TimeUnit.SECONDS)).isTrue();

            try (Signet signet = open(db)) {
                Path pkg = Files.writeString(dir.resolve("p.so"), "p");
                List<Boolean> underNew = new ArrayList<>();
                for (SigningKey key : keys) {
                    boolean opensWithOld = opens(signet, pkg, key, oldKek);
                    boolean opensWithNew = opens(signet, pkg, key, newKek);
                    assertThat(opensWithOld ^ opensWithNew).as("key %s opens under exactly one KEK", key.id()).isTrue();
                    underNew.add(opensWithNew);
                }
                assertThat(underNew).as("all keys moved together or none did").containsOnly(underNew.get(0));
                System.out.println("killed after " + killAfterMillis + " ms: keys under the "
                        + (underNew.get(0) ? "new" : "old") + " KEK");
            }
        }
        long started = System.nanoTime();
        Process unkilled = startCli(db, "kek", "rotate", "--kek-file", oldFile.toString(), "--new-kek-file",
                newFile.toString(), "--home", dir.resolve("home").toString());
        assertThat(unkilled.waitFor(120, TimeUnit.SECONDS)).isTrue();
        System.out.println("an unkilled rotation took " + (System.nanoTime() - started) / 1_000_000 + " ms, exit "
                + unkilled.exitValue() + ": " + Files.readString(dir.resolve("rotate.log")).strip());
        try (Signet signet = open(db)) {
            int moved = signet.keyManager().rotateKeyEncryptionKey(oldKek, newKek);
            assertThat(moved).isBetween(0, KEYS);
            Path pkg = Files.writeString(dir.resolve("p.so"), "p");
            for (SigningKey key : keys) {
                assertThat(opens(signet, pkg, key, newKek)).isTrue();
            }
        }
    }

    private static boolean opens(Signet signet, Path pkg, SigningKey key, KeyEncryptionKey kek) {
        try {
            signet.packageSigner().signPackageWithDbKey(pkg, key.id(), kek, false);
            return true;
        } catch (SignetException wrongOrBroken) {
            return false;
        }
    }

    private Process startCli(TestDatabase db, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.signet.bootstrap.cli.SignetCli");
        Arrays.stream(DatabaseArgs.on(db, (Object[]) args)).map(String::valueOf).forEach(command::add);
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("rotate.log").toFile()).start();
    }

    private static Signet open(TestDatabase db) {
        return Signet.builder().jdbcUrl(db.url(), db.user(), db.password()).build();
    }
}
