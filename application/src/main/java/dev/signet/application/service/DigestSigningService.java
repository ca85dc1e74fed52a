package dev.signet.application.service;

import dev.signet.application.port.in.IdempotencyKeyReused;
import dev.signet.application.port.in.SignDigestUseCase;
import dev.signet.application.port.out.IdempotentAnswers;
import dev.signet.application.port.out.AuditTrail;
import dev.signet.application.port.out.DetachedSignatureFiles;
import dev.signet.application.port.out.PackageSignatureRepository;
import dev.signet.application.port.out.SigningKeyRepository;
import dev.signet.application.port.out.Timestamper;
import dev.signet.application.port.out.Transactions;
import dev.signet.domain.Conflict;
import dev.signet.domain.NotFound;
import dev.signet.domain.SignetException;
import dev.signet.domain.audit.AuditEvent;
import dev.signet.domain.key.KeyCustody;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.principal.Forbidden;
import dev.signet.domain.principal.Principal;
import dev.signet.domain.signature.PackageHash;
import dev.signet.domain.signature.PackageSignature;
import dev.signet.domain.signature.SignedMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Signs a digest for a principal, as {@link StoredKeySigningService} signs a package: in one transaction the key is
 * read, the principal's right to it checked (a signer of the key's organization whose scope names it), the key
 * checked active and used once, the signature stored when asked and the package.signed record made, durable before
 * the answer. A refusal is audited too (package.sign.failure). With a TSA configured (signet serve --tsa-url), every
 * signature is timestamped there first, as {@code sign --tsa-url} does; a TSA that fails fails the signing as a whole
 * (TimestampFailed: nothing stored, the failure audited).
 *
 * <p>With an Idempotency-Key the key is claimed in the same transaction (the database's primary key decides
 * between concurrent duplicates: the second waits for the first and then returns its answer), and the answer's
 * bytes are stored with the signature and its record, so that a retry to any node returns them and records
 * nothing. Only answered requests are kept: a refusal leaves the key free. Answers are kept {@link #ANSWERS_KEPT}.
 *
 * <p>A plain signing (no Idempotency-Key, no TSA) shares its transaction with the concurrent ones
 * ({@link GroupCommit}, decision 0008): one commit for all, each answer still given only once its own signature
 * and package.signed record are committed. An Idempotency-Key request and a batch keep a transaction of their own
 * (a claim that waits on a concurrent duplicate's row lock would hold up every batch-mate), and so does signing
 * with a TSA (a TSA round trip inside a shared transaction would hold up every batch-mate).
 */
public final class DigestSigningService implements SignDigestUseCase {
    private final SigningKeyRepository signingKeys;
    private final PackageSignatureRepository signatures;
    private final StoredKeySigner signer;
    private final DetachedSignatureFiles signatureFiles;
    private final Optional<KeyEncryptionKey> kek;
    private final Transactions transactions;
    private final AuditTrail audit;
    private final Clock clock;
    private final Timestamper timestamper;
    private final Optional<URI> tsaUrl;
    private final IdempotentAnswers answers;
    private final SignatureCounts counts;
    private final GroupCommit groupCommit;
    private final AtomicReference<Instant> lastPrune = new AtomicReference<>(Instant.EPOCH);
    /** How long an Idempotency-Key's answer is kept: a retry after that signs anew. */
    public static final Duration ANSWERS_KEPT = Duration.ofHours(24);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);

    public DigestSigningService(SigningKeyRepository signingKeys, PackageSignatureRepository signatures,
            StoredKeySigner signer, DetachedSignatureFiles signatureFiles, Optional<KeyEncryptionKey> kek,
            Transactions transactions, AuditTrail audit, Clock clock, Timestamper timestamper, Optional<URI> tsaUrl,
            IdempotentAnswers answers) {
        this(signingKeys, signatures, signer, signatureFiles, kek, transactions, audit, clock, timestamper, tsaUrl,
                answers, new SignatureCounts());
    }

    /** @param counts where the signatures answered are counted, by key backend */
    public DigestSigningService(SigningKeyRepository signingKeys, PackageSignatureRepository signatures,
            StoredKeySigner signer, DetachedSignatureFiles signatureFiles, Optional<KeyEncryptionKey> kek,
            Transactions transactions, AuditTrail audit, Clock clock, Timestamper timestamper, Optional<URI> tsaUrl,
            IdempotentAnswers answers, SignatureCounts counts) {
        this.counts = counts;
        this.groupCommit = new GroupCommit(transactions, audit);
        this.answers = answers;
        this.timestamper = timestamper;
        this.tsaUrl = tsaUrl;
        this.signingKeys = signingKeys;
        this.signatures = signatures;
        this.signer = signer;
        this.signatureFiles = signatureFiles;
        this.kek = kek;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public SignedDigest sign(Command command) {
        Principal principal = command.principal();
        Optional<IdempotentAnswers.Scope> scope = command.idempotencyKey()
                .map(key -> new IdempotentAnswers.Scope(principal.kind().wireName(), principal.id(), key));
        String requestHash = requestHash(command);
        List<String> backends = new java.util.ArrayList<>();
        try {
            SignedDigest answer = scope.isEmpty() && tsaUrl.isEmpty()
                    ? groupCommit.run(() -> {
                        backends.clear(); // a unit may run again, after a transient failure or a batch-mate's
                        return signOne(principal, command.keyId(), command.packageHash(), command.packageName(),
                                command.storeSignature(), backends);
                    })
                    : transactions.inTransaction(() -> {
                        backends.clear(); // the work may run again after a transient failure
                        return signAlone(command, scope, requestHash, backends);
                    });
            backends.forEach(counts::add);
            return answer;
        } catch (SignetException e) {
            FailureEvents.record(audit, new AuditEvent.DigestSignFailed(command.packageName(), command.packageHash(),
                    command.keyId(), e.getMessage()), e);
            throw e;
        }
    }

    /** Inside the caller's own transaction: with an Idempotency-Key, the earlier answer or the claim first. */
    private SignedDigest signAlone(Command command, Optional<IdempotentAnswers.Scope> scope, String requestHash,
            List<String> backends) {
        if (scope.isPresent()) {
            Optional<SignedDigest> earlier = earlierAnswer(scope.get(), requestHash, command);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            pruneNowAndThen();
            if (!answers.claim(scope.get(), requestHash, clock.instant())) {
                // a concurrent duplicate signed and committed first: its answer is the answer
                return earlierAnswer(scope.get(), requestHash, command).orElseThrow(() -> new Conflict(
                        "the Idempotency-Key is in use by a request that did not finish; try again"));
            }
        }
        SignedDigest signed = signOne(command.principal(), command.keyId(), command.packageHash(),
                command.packageName(), command.storeSignature(), backends);
        scope.ifPresent(s -> answers.complete(s, signed.signatureFile()));
        return signed;
    }

    @Override
    public List<SignedDigest> signAll(BatchCommand command) {
        List<String> backends = new java.util.ArrayList<>();
        try {
            List<SignedDigest> signed = transactions.inTransaction(() -> {
                backends.clear();
                return command.items().stream()
                        .map(item -> signOne(command.principal(), command.keyId(), item.packageHash(),
                                item.packageName(), command.storeSignatures(), backends))
                        .toList();
            });
            backends.forEach(counts::add);
            return signed;
        } catch (SignetException e) {
            for (BatchItem item : command.items()) {
                FailureEvents.record(audit, new AuditEvent.DigestSignFailed(item.packageName(), item.packageHash(),
                        command.keyId(), e.getMessage()), e);
            }
            throw e;
        }
    }

    /** Inside the caller's transaction: check, sign, store when asked, record package.signed. */
    private SignedDigest signOne(Principal principal, KeyId keyId, PackageHash hash, Optional<String> packageName,
            boolean store, List<String> backends) {
        SigningKey key = signingKeys.findById(keyId)
                .orElseThrow(() -> new NotFound("signing key " + keyId + " does not exist"));
        if (!principal.maySignWith(key.organizationId(), key.id())) {
            throw new Forbidden(principal.kind().wireName() + " " + principal.id() + " may not sign with key "
                    + key.id());
        }
        key.requireActive();
        PackageSignature untimestamped = new PackageSignature(hash, key.fingerprint(),
                signer.sign(key, kek, SignedMessage.forPackage(hash), "signing with a software key"),
                Timestamps.now(clock));
        // inside the transaction, so that a TSA that fails rolls the signing back as a whole
        PackageSignature signature = tsaUrl
                .map(tsa -> untimestamped.withTimestamp(timestamper.timestamp(tsa, untimestamped.signature())))
                .orElse(untimestamped);
        byte[] file = signatureFiles.encode(signature);
        if (store) {
            signatures.addIfAbsent(signature, key.id());
        }
        audit.record(new AuditEvent.DigestSigned(packageName, hash, key.id(), key.fingerprint()));
        backends.add(key.custody() instanceof KeyCustody.Hsm ? SignatureCounts.HSM : SignatureCounts.SOFTWARE);
        return new SignedDigest(signature, key.id(), file);
    }

    /**
     * The stored answer to an earlier request with this key, when it is still kept and asked the same; an answer
     * past keeping is dropped so that the key starts afresh.
     *
     * @throws IdempotencyKeyReused when the earlier request asked something else
     */
    private Optional<SignedDigest> earlierAnswer(IdempotentAnswers.Scope scope, String requestHash, Command command) {
        Optional<IdempotentAnswers.StoredAnswer> stored = answers.find(scope);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        if (stored.get().createdAt().isBefore(clock.instant().minus(ANSWERS_KEPT))) {
            answers.forget(scope);
            return Optional.empty();
        }
        if (!stored.get().requestHash().equals(requestHash)) {
            throw new IdempotencyKeyReused("this Idempotency-Key was used for a different request (key, package hash, "
                    + "package name or store); use a new key");
        }
        byte[] file = stored.get().answer();
        return Optional.of(new SignedDigest(signatureFiles.decode(file), command.keyId(), file));
    }

    /** Drops answers past keeping, at most once per {@link #PRUNE_EVERY} on this node: one indexed DELETE. */
    private void pruneNowAndThen() {
        Instant now = clock.instant();
        Instant last = lastPrune.get();
        if (now.isAfter(last.plus(PRUNE_EVERY)) && lastPrune.compareAndSet(last, now)) {
            answers.forgetCreatedBefore(now.minus(ANSWERS_KEPT));
        }
    }

    /** What a retry must repeat exactly: key, hash, name and store, unambiguously joined. */
    private static String requestHash(Command command) {
        String request = command.keyId() + "\n" + command.packageHash().hex() + "\n" + command.storeSignature()
                + "\n" + command.packageName().map(name -> "+" + name).orElse("-");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(request.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
