package dev.signet.adapters.crypto.pkcs11;

import dev.signet.application.port.out.HsmHealth;
import dev.signet.application.port.out.HsmKeyCustodian;
import dev.signet.domain.Hex;
import dev.signet.domain.Require;
import dev.signet.domain.key.KeyCustody;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.signature.Ed25519Signature;
import dev.signet.domain.signature.SignedMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Signet's keys in one PKCS#11 token (see docs/architecture.md, "PKCS#11"): generated there, sensitive
 * and non-extractable, used there with CKM_EDDSA. Opening it checks everything that can be checked up
 * front (JVM flags, library file, token label, PIN) and fails at once with the cause; afterwards, every
 * call borrows a logged-in session from a pool and runs under {@link TokenResilience}.
 *
 * <p>Thread-safe. Close it to close its sessions and wipe its copy of the PIN.
 */
public final class Pkcs11KeyCustodian implements HsmKeyCustodian, AutoCloseable {
    private final Cryptoki cryptoki;
    private final SessionPool pool;
    private final TokenResilience resilience;
    private final String tokenLabel;
    private final KeyObjects keys;
    private final KeyPairGeneration generation;
    private final LabelLookup lookup;
    private final EddsaSigning signing;

    private Pkcs11KeyCustodian(Cryptoki cryptoki, SessionPool pool, TokenResilience resilience) {
        this.cryptoki = cryptoki;
        this.pool = pool;
        this.resilience = resilience;
        this.tokenLabel = pool.tokenLabel();
        this.keys = new KeyObjects(cryptoki);
        this.generation = new KeyPairGeneration(cryptoki, keys, tokenLabel);
        this.lookup = new LabelLookup(keys, tokenLabel);
        this.signing = new EddsaSigning(cryptoki, keys, tokenLabel);
    }

    /**
     * Loads the library, finds the token by label and logs every pooled session in. Does not keep the
     * config's PIN array: the caller may {@link Pkcs11Config#wipePin()} once this returns.
     *
     * @throws Pkcs11Unavailable when the JVM flags are missing, the library file does not exist or cannot
     *                           be loaded, or no token (or more than one) carries the label
     * @throws Pkcs11Failure     when the token refuses the session or the PIN (CKR_PIN_INCORRECT,
     *                           CKR_PIN_LOCKED)
     */
    public static Pkcs11KeyCustodian open(Pkcs11Config config) {
        Require.present(config, "PKCS#11 configuration");
        Cryptoki.requireWrapperAccess();
        Path library = config.library().toAbsolutePath().normalize();
        if (!Files.exists(library)) {
            throw new Pkcs11Unavailable("PKCS#11 library not found: " + library + " does not exist");
        }
        if (!Files.isRegularFile(library) || !Files.isReadable(library)) {
            throw new Pkcs11Unavailable("PKCS#11 library " + library + " is not a readable file");
        }
        Cryptoki cryptoki = Cryptoki.open(library.toString());
        char[] pin = config.pin();
        try {
            SessionPool pool = SessionPool.open(cryptoki, new TokenFinder(cryptoki, library.toString()),
                    config.tokenLabel(), pin, config.poolSize(), config.acquireTimeout());
            return new Pkcs11KeyCustodian(cryptoki, pool, new TokenResilience(config.tokenLabel(), config));
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    @Override
    public HsmKey generate(KeyId keyId) {
        Require.present(keyId, "key id");
        return call("generating key " + keyId, session -> generation.generate(session, keyId));
    }

    @Override
    public Optional<HsmKey> findByLabel(String label) {
        String wanted = Require.name(label, 255, "key label");
        return call("looking up key '" + wanted + "'", session -> lookup.find(session, wanted));
    }

    @Override
    public Ed25519Signature sign(KeyCustody.Hsm custody, SignedMessage message) {
        Require.present(message, "message");
        byte[] id = servedHere(custody);
        return call("signing with key " + Hex.encode(id), session -> signing.sign(session, id, message));
    }

    /**
     * Destroys the private key object (the public one may stay: it is public, and other tools may still
     * want to verify with it). Destroying a key that is already gone succeeds, so that a revocation
     * interrupted after this step can simply be run again.
     */
    @Override
    public void destroyPrivateKey(KeyCustody.Hsm custody) {
        byte[] id = servedHere(custody);
        call("destroying key " + Hex.encode(id), session -> {
            var key = keys.privateKey(session, id);
            if (key.isPresent()) {
                cryptoki.destroyObject(session, key.getAsLong());
                keys.forgetPrivateKey(id);
            } else {
                keys.forgetPrivateKey(id);
                keys.requireLoggedIn(session, "C_FindObjects");
            }
            return null;
        });
    }

    /** The token this custodian serves. */
    public String tokenLabel() {
        return tokenLabel;
    }

    /** Whether the token answers and how its session pool is used, for the node's readiness and metrics. */
    public HsmHealth health() {
        return new Pkcs11TokenHealth(pool, resilience);
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "Pkcs11KeyCustodian[token=" + tokenLabel + "]";
    }

    /** Work in one pooled session, under the same retry, circuit breaker and bulkhead; for tests. */
    <T> T inSession(SessionPool.SessionWork<T> work) {
        return call("test work", work);
    }

    SessionPool pool() {
        return pool;
    }

    TokenResilience resilience() {
        return resilience;
    }

    Cryptoki cryptoki() {
        return cryptoki;
    }

    /** Work in one pooled session under the retry, circuit breaker and bulkhead; shared with the KEKs. */
    <T> T call(String operation, SessionPool.SessionWork<T> work) {
        return resilience.call(operation, () -> pool.withSession(work));
    }

    private byte[] servedHere(KeyCustody.Hsm custody) {
        Require.present(custody, "HSM key custody");
        if (!custody.tokenLabel().equals(tokenLabel)) {
            throw new Pkcs11Unavailable("key " + custody + " is held by PKCS#11 token '" + custody.tokenLabel()
                    + "', but Signet is configured for token '" + tokenLabel + "'");
        }
        return custody.objectId();
    }
}
