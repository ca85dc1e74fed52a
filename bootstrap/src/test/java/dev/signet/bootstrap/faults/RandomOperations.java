package dev.signet.bootstrap.faults;

import dev.signet.application.port.in.SignatureSource;
import dev.signet.bootstrap.KeyManager;
import dev.signet.bootstrap.Signet;
import dev.signet.domain.Hex;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.organization.OrganizationId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One thread of {@link PostgresRestartTest}: operations through the public {@link Signet} API, one after the
 * other until told to stop, each written down with what it should have left in the database (its subject: a
 * name, label, pair, hash or id that no other operation uses) and how it ended. The thread works only on
 * what it created itself, so that operations of different threads never refuse each other.
 */
final class RandomOperations implements Runnable {
    static final List<String> KINDS = List.of("org", "key", "trust", "grant", "sign", "verify", "revoke-key");

    /** One attempted operation; {@code failure} is null when it succeeded. */
    record Operation(String kind, String subject, Throwable failure, long startedNanos, long endedNanos) {
        boolean succeeded() {
            return failure == null;
        }

        boolean overlaps(long fromNanos, long toNanos) {
            return startedNanos <= toNanos && endedNanos >= fromNanos;
        }

        @Override
        public String toString() {
            return kind + " " + subject + (failure == null ? " ok" : " failed: " + failure);
        }
    }

    private record Step(String kind, String subject, Action action) {
    }

    private interface Action {
        void run() throws Exception;
    }

    private record Signed(Path packageFile, OrganizationId organization) {
    }

    private final int number;
    private final Signet signet;
    private final KeyEncryptionKey kek;
    private final Path dir;
    private final AtomicBoolean stop;
    private final Random random;
    private final List<Operation> log = new ArrayList<>();
    private final List<OrganizationId> organizations = new ArrayList<>();
    private final List<SigningKey> activeKeys = new ArrayList<>();
    private final List<SigningKey> untrustedKeys = new ArrayList<>();
    private final Set<String> grants = new HashSet<>();
    private final List<Signed> signed = new ArrayList<>();
    private int counter;

    RandomOperations(int number, Signet signet, KeyEncryptionKey kek, Path dir, AtomicBoolean stop, long seed) {
        this.number = number;
        this.signet = signet;
        this.kek = kek;
        this.dir = dir;
        this.stop = stop;
        this.random = new Random(seed);
    }

    /** What this thread did; read it only after the thread ended. */
    List<Operation> log() {
        return log;
    }

    @Override
    public void run() {
        while (!stop.get()) {
            String kind = choose();
            long started = System.nanoTime();
            Step step = plan(kind);
            Throwable failure = null;
            try {
                step.action().run();
            } catch (Throwable e) {
                failure = e;
            }
            log.add(new Operation(step.kind(), step.subject(), failure, started, System.nanoTime()));
        }
    }

    /** A kind drawn at random, or the one that makes what it needs. */
    private String choose() {
        String kind = organizations.size() < 2 ? "org" : KINDS.get(random.nextInt(KINDS.size()));
        if (kind.equals("verify") && signed.isEmpty()) {
            kind = "sign";
        }
        if (kind.equals("sign") && activeKeys.isEmpty() || kind.equals("trust") && untrustedKeys.isEmpty()
                || kind.equals("revoke-key") && activeKeys.size() < 3) {
            kind = "key";
        }
        return kind;
    }

    private Step plan(String kind) {
        String prefix = "w" + number + "-" + kind + "-" + ++counter;
        KeyManager keys = signet.keyManager();
        switch (kind) {
            case "org":
                return new Step(kind, prefix, () -> organizations.add(keys.createOrganization(prefix).id()));
            case "key": {
                OrganizationId organization = any(organizations);
                return new Step(kind, prefix, () -> {
                    SigningKey key = keys.createSigningKey(organization, prefix, kek);
                    activeKeys.add(key);
                    untrustedKeys.add(key);
                });
            }
            case "trust": {
                // the key's own organization trusts it, so that its signatures verify there
                SigningKey key = untrustedKeys.remove(random.nextInt(untrustedKeys.size()));
                return new Step(kind, prefix, () -> keys.trustPublicKey(key.organizationId(), key.publicKey().bytes(), prefix));
            }
            case "grant": {
                OrganizationId parent = any(organizations);
                OrganizationId child = any(organizations);
                String pair = parent + " " + child;
                if (parent.equals(child) || !grants.add(pair)) {
                    return plan("org");
                }
                return new Step(kind, pair, () -> keys.grantTrust(parent, child));
            }
            case "sign": {
                SigningKey key = any(activeKeys);
                Path packageFile = writePackage(prefix);
                String hash = sha256Hex(packageFile);
                return new Step(kind, hash, () -> {
                    var signature = signet.packageSigner().signPackageWithDbKey(packageFile, key.id(), kek, true);
                    if (!signature.signature().packageHash().hex().equals(hash) || !signature.stored()) {
                        throw new AssertionError("signed " + packageFile + " but got " + signature);
                    }
                    signed.add(new Signed(packageFile, key.organizationId()));
                });
            }
            case "verify": {
                Signed target = any(signed);
                return new Step(kind, sha256Hex(target.packageFile()), () -> signet.verifier()
                        .verifyPackage(target.packageFile(), target.organization(), SignatureSource.DATABASE));
            }
            case "revoke-key": {
                // tried once whatever happens: a failed revocation leaves the key in a state checked afterwards
                SigningKey key = activeKeys.remove(random.nextInt(activeKeys.size()));
                return new Step(kind, key.id().toString(), () -> keys.revokeSigningKey(key.id()));
            }
            default:
                throw new IllegalStateException(kind);
        }
    }

    private <T> T any(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private Path writePackage(String name) {
        try {
            return Files.writeString(dir.resolve(name + ".so"), "package " + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256Hex(Path file) {
        try {
            return Hex.encode(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String describe(List<Operation> operations) {
        StringBuilder text = new StringBuilder();
        operations.stream().limit(20).forEach(operation -> text.append("\n  ").append(operation));
        return text.toString();
    }
}
