package dev.signet.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.application.port.in.IdempotencyKeyReused;
import dev.signet.application.port.in.SignDigestUseCase;
import dev.signet.application.port.in.SignDigestUseCase.BatchCommand;
import dev.signet.application.port.in.SignDigestUseCase.BatchItem;
import dev.signet.application.port.in.SignDigestUseCase.Command;
import dev.signet.application.port.out.DetachedSignatureFiles;
import dev.signet.application.port.out.IdempotentAnswers;
import dev.signet.application.port.out.PackageSignatureRepository;
import dev.signet.application.port.out.PrivateKeyWrapper;
import dev.signet.application.port.out.SigningKeyRepository;
import dev.signet.application.port.out.Transactions;
import dev.signet.domain.audit.AuditEvent;
import dev.signet.domain.key.Ed25519PrivateKey;
import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.key.KeyCustody;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.key.KeyName;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.key.WrappedPrivateKey;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.principal.Forbidden;
import dev.signet.domain.principal.Principal;
import dev.signet.domain.principal.PrincipalKind;
import dev.signet.domain.principal.Role;
import dev.signet.domain.revocation.Revocation;
import dev.signet.domain.signature.Ed25519Signature;
import dev.signet.domain.signature.PackageHash;
import dev.signet.domain.signature.PackageSignature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class IdempotentDigestSigningTest {
    private static final OrganizationId ORG = OrganizationId.random();
    private static final KeyEncryptionKey KEK = KeyEncryptionKey.of(seven());
    private static final SigningKey KEY = new SigningKey(KeyId.random(), ORG, new KeyName("release"),
            new Ed25519PublicKey(new byte[32]), new KeyCustody.Software(new WrappedPrivateKey(new byte[60]), KEK.id()),
            Instant.parse("2026-01-01T00:00:00Z"), Optional.<Revocation>empty());
    private static final Principal SIGNER = new Principal(PrincipalKind.TOKEN, "t-1", ORG, Role.SIGNER, Set.of());
    private static final PackageHash HASH = PackageHash.fromHex("ab".repeat(32));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T09:00:00Z"));
    private final Fakes.RecordingAuditTrail audit = new Fakes.RecordingAuditTrail();
    private final List<PackageSignature> stored = new ArrayList<>();
    private final Answers answers = new Answers();
    private final DigestSigningService service = new DigestSigningService(keys(), signatures(),
            new StoredKeySigner(new Fakes.MirrorCrypto(), wrapper(), Optional.empty()), files(), Optional.of(KEK),
            direct(), audit, clock, (tsa, signature) -> {
                throw new AssertionError("no TSA");
            }, Optional.empty(), answers);

    @Test
    void a_retry_with_the_same_key_gets_the_first_answer_and_records_nothing_again() {
        byte[] first = service.sign(command("k", HASH, "a.so")).signatureFile();
        clock.advance(Duration.ofSeconds(5));
        byte[] retry = service.sign(command("k", HASH, "a.so")).signatureFile();
        assertThat(retry).isEqualTo(first);
        assertThat(signedEvents()).isEqualTo(1);
        assertThat(stored).hasSize(1);
    }

    @Test
    void the_same_key_for_another_request_is_refused_and_signs_nothing() {
        service.sign(command("k", HASH, "a.so"));
        assertThatThrownBy(() -> service.sign(command("k", PackageHash.fromHex("cd".repeat(32)), "a.so")))
                .isInstanceOf(IdempotencyKeyReused.class);
        assertThatThrownBy(() -> service.sign(command("k", HASH, "b.so"))).isInstanceOf(IdempotencyKeyReused.class);
        assertThat(signedEvents()).isEqualTo(1);
    }

    @Test
    void another_principals_equal_key_is_another_request() {
        service.sign(command("k", HASH, "a.so"));
        Principal other = new Principal(PrincipalKind.TOKEN, "t-2", ORG, Role.SIGNER, Set.of());
        service.sign(new Command(other, KEY.id(), HASH, Optional.of("a.so"), true, Optional.of("k")));
        assertThat(signedEvents()).isEqualTo(2);
    }

    @Test
    void an_answer_past_a_day_is_forgotten_and_the_key_signs_anew() {
        service.sign(command("k", HASH, "a.so"));
        clock.advance(Duration.ofHours(25));
        service.sign(command("k", PackageHash.fromHex("cd".repeat(32)), "a.so"));
        assertThat(signedEvents()).isEqualTo(2);
    }

    @Test
    void a_concurrent_duplicate_that_committed_first_is_the_answer_and_nothing_is_signed() {
        byte[] theirs = "their answer".getBytes(StandardCharsets.UTF_8);
        byte[] first = service.sign(command("k", HASH, "a.so")).signatureFile();
        String requestHash = answers.rows.values().iterator().next().requestHash();
        answers.rows.clear();
        answers.committedByOther = Optional.of(new IdempotentAnswers.StoredAnswer(requestHash, first, clock.instant()));
        assertThat(service.sign(command("k", HASH, "a.so")).signatureFile()).isEqualTo(first).isNotEqualTo(theirs);
        assertThat(signedEvents()).isEqualTo(1);
    }

    @Test
    void a_refused_request_leaves_its_key_free() {
        Principal outsider = new Principal(PrincipalKind.TOKEN, "t-3", OrganizationId.random(), Role.SIGNER, Set.of());
        assertThatThrownBy(() -> service.sign(new Command(outsider, KEY.id(), HASH, Optional.empty(), true,
                Optional.of("k")))).isInstanceOf(Forbidden.class);
        assertThat(answers.rows).isEmpty();
    }

    @Test
    void a_batch_signs_every_digest_with_a_record_each() {
        List<BatchItem> items = List.of(new BatchItem(HASH, Optional.of("a.so")),
                new BatchItem(PackageHash.fromHex("cd".repeat(32)), Optional.empty()));
        List<SignDigestUseCase.SignedDigest> signed = service.signAll(new BatchCommand(SIGNER, KEY.id(), items, true));
        assertThat(signed).extracting(s -> s.signature().packageHash()).containsExactly(items.get(0).packageHash(),
                items.get(1).packageHash());
        assertThat(signedEvents()).isEqualTo(2);
        assertThat(stored).hasSize(2);
    }

    @Test
    void a_batch_outside_the_principals_rights_signs_nothing_and_audits_each_refusal() {
        Principal verifier = new Principal(PrincipalKind.TOKEN, "t-4", ORG, Role.VERIFIER, Set.of());
        assertThatThrownBy(() -> service.signAll(new BatchCommand(verifier, KEY.id(),
                List.of(new BatchItem(HASH, Optional.empty()), new BatchItem(HASH, Optional.empty())), true)))
                .isInstanceOf(Forbidden.class);
        assertThat(signedEvents()).isZero();
        assertThat(audit.events).filteredOn(AuditEvent.DigestSignFailed.class::isInstance).hasSize(2);
    }

    @Test
    void a_batch_holds_one_to_a_hundred_digests() {
        assertThatThrownBy(() -> new BatchCommand(SIGNER, KEY.id(), List.of(), true))
                .isInstanceOf(IllegalArgumentException.class);
        List<BatchItem> many = java.util.Collections.nCopies(101, new BatchItem(HASH, Optional.empty()));
        assertThatThrownBy(() -> new BatchCommand(SIGNER, KEY.id(), many, true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] seven() {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) 7);
        return key;
    }

    private long signedEvents() {
        return audit.events.stream().filter(AuditEvent.DigestSigned.class::isInstance).count();
    }

    private static Command command(String idempotencyKey, PackageHash hash, String name) {
        return new Command(SIGNER, KEY.id(), hash, Optional.of(name), true, Optional.of(idempotencyKey));
    }

    /** Stored answers by scope; {@code committedByOther}: a concurrent duplicate wins the claim with this answer. */
    private static final class Answers implements IdempotentAnswers {
        final Map<Scope, StoredAnswer> rows = new HashMap<>();
        final Map<Scope, StoredAnswer> claimed = new HashMap<>();
        Optional<StoredAnswer> committedByOther = Optional.empty();

        @Override
        public Optional<StoredAnswer> find(Scope scope) {
            return Optional.ofNullable(rows.get(scope));
        }

        @Override
        public boolean claim(Scope scope, String requestHash, Instant at) {
            if (committedByOther.isPresent()) {
                rows.put(scope, committedByOther.get());
                return false;
            }
            claimed.put(scope, new StoredAnswer(requestHash, new byte[0], at));
            return true;
        }

        @Override
        public void complete(Scope scope, byte[] answer) {
            StoredAnswer claim = claimed.remove(scope);
            rows.put(scope, new StoredAnswer(claim.requestHash(), answer, claim.createdAt()));
        }

        @Override
        public void forget(Scope scope) {
            rows.remove(scope);
        }

        @Override
        public int forgetCreatedBefore(Instant cutoff) {
            int before = rows.size();
            rows.values().removeIf(row -> row.createdAt().isBefore(cutoff));
            return before - rows.size();
        }
    }

    private static SigningKeyRepository keys() {
        return new SigningKeyRepository() {
            @Override
            public void add(SigningKey key) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<SigningKey> findById(KeyId id) {
                return id.equals(KEY.id()) ? Optional.of(KEY) : Optional.empty();
            }

            @Override
            public List<SigningKey> listByOrganization(OrganizationId organization) {
                return List.of(KEY);
            }

            @Override
            public List<SigningKey> listSoftwareKeys() {
                return List.of(KEY);
            }

            @Override
            public boolean markRevoked(KeyId id, Revocation revocation) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void replaceCustody(KeyId id, KeyCustody.Software custody) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private PackageSignatureRepository signatures() {
        return new PackageSignatureRepository() {
            @Override
            public boolean addIfAbsent(PackageSignature signature, KeyId signingKey) {
                return stored.add(signature);
            }

            @Override
            public List<PackageSignature> findByPackageHash(PackageHash packageHash) {
                return stored.stream().filter(s -> s.packageHash().equals(packageHash)).toList();
            }
        };
    }

    private static PrivateKeyWrapper wrapper() {
        return new PrivateKeyWrapper() {
            @Override
            public KeyCustody.Software wrap(Ed25519PrivateKey privateKey, KeyEncryptionKey kek, KeyId keyId,
                    OrganizationId organization) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Ed25519PrivateKey unwrap(KeyCustody.Software custody, KeyEncryptionKey kek, KeyId keyId,
                    OrganizationId organization) {
                return Ed25519PrivateKey.fromSeed(new byte[32]);
            }
        };
    }

    /** The .sig as hash, signature and time, enough to tell two answers apart. */
    private static DetachedSignatureFiles files() {
        return new DetachedSignatureFiles() {
            @Override
            public PackageSignature read(Path signatureFile) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void checkTarget(Path signatureFile, Path packageFile) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void write(Path signatureFile, PackageSignature signature) {
                throw new UnsupportedOperationException();
            }

            @Override
            public PackageSignature decode(byte[] signatureJson) {
                String[] parts = new String(signatureJson, StandardCharsets.UTF_8).split(" ");
                return new PackageSignature(PackageHash.fromHex(parts[0]), KEY.fingerprint(),
                        new Ed25519Signature(dev.signet.domain.Hex.decode(parts[1], 64, "signature")),
                        Instant.parse(parts[2]));
            }

            @Override
            public byte[] encode(PackageSignature signature) {
                return (signature.packageHash().hex() + " " + dev.signet.domain.Hex.encode(signature.signature().bytes())
                        + " " + signature.signedAt()).getBytes(StandardCharsets.UTF_8);
            }
        };
    }

    private static Transactions direct() {
        return new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                return work.get();
            }
        };
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
