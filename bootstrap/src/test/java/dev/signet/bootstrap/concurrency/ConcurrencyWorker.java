package dev.signet.bootstrap.concurrency;

import dev.signet.application.port.in.SecurityConfig;
import dev.signet.application.port.in.SignatureSource;
import dev.signet.bootstrap.KeyEncryptionKeys;
import dev.signet.bootstrap.Signet;
import dev.signet.domain.Hex;
import dev.signet.domain.SignetException;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.organization.Organization;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.trust.TrustedKey;
import dev.signet.domain.verification.VerificationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One of the processes of {@link MultiProcessConcurrencyTest}: eight threads doing random operations on a
 * shared database for a bounded time, then, once Signet is closed (so that every audit row it writes is
 * written), printing how many of each operation succeeded or failed as one last line:
 * {@code COUNTS sign.ok=12 sign.refused=1 ...}. An operation that found nothing to work on is counted as
 * skipped, never as a success. Arguments: JDBC URL, user, password, KEK hex, seconds, seed, work folder.
 */
public final class ConcurrencyWorker {
    private final Signet signet;
    private final KeyEncryptionKey kek;
    private final Path dir;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    private ConcurrencyWorker(Signet signet, KeyEncryptionKey kek, Path dir) {
        this.signet = signet;
        this.kek = kek;
        this.dir = dir;
    }

    public static void main(String[] args) throws Exception {
        KeyEncryptionKey kek = KeyEncryptionKeys.parse(args[3], "test KEK");
        long seconds = Long.parseLong(args[4]);
        long seed = Long.parseLong(args[5]);
        Path dir = Files.createDirectories(Path.of(args[6]));
        Map<String, AtomicLong> counts;
        try (Signet signet = Signet.builder().jdbcUrl(args[0], blankToNull(args[1]), blankToNull(args[2]))
                .securityConfig(SecurityConfig.builder().keyEncryptionKey(kek).build()).build()) {
            ConcurrencyWorker worker = new ConcurrencyWorker(signet, kek, dir);
            counts = worker.counts;
            ExecutorService threads = Executors.newFixedThreadPool(8);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            for (int t = 0; t < 8; t++) {
                Random random = new Random(seed * 31 + t);
                threads.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        worker.step(random);
                    }
                });
            }
            threads.shutdown();
            if (!threads.awaitTermination(seconds + 60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("workers did not stop");
            }
        }
        StringBuilder line = new StringBuilder("COUNTS");
        new TreeMap<>(counts).forEach((name, count) -> line.append(' ').append(name).append('=').append(count));
        System.out.println(line);
    }

    private void step(Random random) {
        String operation = List.of("org", "key", "trust", "grant", "ungrant", "sign", "verify", "revoke-trust",
                "revoke-key").get(random.nextInt(9));
        try {
            count(run(operation, random));
        } catch (VerificationFailure expected) {
            count(operation + ".rejected");
        } catch (SignetException expected) {
            // typed refusals: conflicts, revoked keys
            count(operation + ".refused");
        } catch (IllegalArgumentException expected) {
            count(operation + ".invalid");
        } catch (Exception unexpected) {
            count(operation + ".error");
            System.err.println("UNEXPECTED " + operation + ": " + unexpected);
        }
    }

    /** Does the operation (or, while there are few organizations, creates one) and names what it did. */
    private String run(String operation, Random random) throws Exception {
        var keys = signet.keyManager();
        List<Organization> organizations = keys.listOrganizations();
        if (operation.equals("org") || organizations.size() < 3) {
            keys.createOrganization("org-" + Long.toHexString(random.nextLong()));
            return "org.ok";
        }
        OrganizationId org = organizations.get(random.nextInt(organizations.size())).id();
        OrganizationId other = organizations.get(random.nextInt(organizations.size())).id();
        List<SigningKey> signingKeys = keys.listSigningKeys(org);
        switch (operation) {
            case "key" -> keys.createSigningKey(org, "key-" + random.nextInt(20), kek);
            case "trust" -> {
                List<SigningKey> otherKeys = keys.listSigningKeys(other);
                if (otherKeys.isEmpty()) {
                    return "trust.skipped";
                }
                SigningKey key = otherKeys.get(random.nextInt(otherKeys.size()));
                keys.trustPublicKey(org, key.publicKey().bytes(), null);
            }
            case "grant" -> keys.grantTrust(org, other);
            case "ungrant" -> keys.revokeTrust(org, other);
            case "sign", "verify" -> {
                if (signingKeys.isEmpty()) {
                    return operation + ".skipped";
                }
                SigningKey key = signingKeys.get(random.nextInt(signingKeys.size()));
                Path pkg = Files.writeString(Files.createTempFile(dir, "pkg-", ".so"), Hex.encode(new byte[] {
                        (byte) random.nextInt(4)}));
                if (operation.equals("sign")) {
                    signet.packageSigner().signPackageWithDbKey(pkg, key.id(), kek, true);
                } else {
                    signet.verifier().verifyPackage(pkg, org, SignatureSource.DATABASE);
                }
                Files.delete(pkg);
            }
            case "revoke-trust" -> {
                List<TrustedKey> trusted = keys.listTrustedKeys(org).stream().filter(TrustedKey::isActive).toList();
                if (trusted.isEmpty()) {
                    return "revoke-trust.skipped";
                }
                keys.revokeTrustedKey(trusted.get(random.nextInt(trusted.size())).id());
            }
            case "revoke-key" -> {
                if (signingKeys.isEmpty() || random.nextInt(4) != 0) {
                    return "revoke-key.skipped";
                }
                keys.revokeSigningKey(signingKeys.get(random.nextInt(signingKeys.size())).id());
            }
            default -> throw new IllegalStateException(operation);
        }
        return operation + ".ok";
    }

    private void count(String name) {
        counts.computeIfAbsent(name, n -> new AtomicLong()).incrementAndGet();
    }

    private static String blankToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
