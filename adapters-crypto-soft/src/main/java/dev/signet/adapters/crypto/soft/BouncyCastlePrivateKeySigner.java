package dev.signet.adapters.crypto.soft;

import dev.signet.application.port.out.PrivateKeySigner;
import dev.signet.domain.key.Ed25519PrivateKey;
import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.signature.Ed25519Signature;
import dev.signet.domain.signature.SignedMessage;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.Supplier;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Ed25519 key generation and deterministic RFC 8032 signing with Bouncy Castle's low-level rfc8032 API.
 *
 * <p>Why not Ed25519PrivateKeyParameters: it keeps its own copy of the seed in a private final array with
 * no way to wipe it, left for the garbage collector. The static Ed25519 functions work on the caller's
 * array, so the only copy of the seed here is the one taken from {@link Ed25519PrivateKey#seed()}, wiped in
 * a finally block. (BC's internal scratch arrays for the expanded key are out of reach either way.)
 *
 * <p>One SecureRandom for the life of the signer, seeded by the platform (non-blocking /dev/urandom on
 * Linux); not getInstanceStrong(), which may block on /dev/random. SecureRandom is thread-safe. It is made on the
 * first key generated, not with the signer: signing is deterministic and needs none, and setting up the JDK's
 * providers for it was a visible part of a small command's start-up.
 */
public final class BouncyCastlePrivateKeySigner implements PrivateKeySigner {
    private final Supplier<SecureRandom> randomSource;
    private volatile SecureRandom random;

    public BouncyCastlePrivateKeySigner() {
        this.randomSource = SecureRandom::new;
    }

    BouncyCastlePrivateKeySigner(SecureRandom random) {
        this.randomSource = () -> random;
    }

    private SecureRandom random() {
        SecureRandom made = random;
        if (made == null) {
            synchronized (this) {
                made = random;
                if (made == null) {
                    made = randomSource.get();
                    random = made;
                }
            }
        }
        return made;
    }

    @Override
    public Ed25519PrivateKey generate() {
        byte[] seed = new byte[Ed25519.SECRET_KEY_SIZE];
        try {
            random().nextBytes(seed);
            return Ed25519PrivateKey.fromSeed(seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    @Override
    public Ed25519PublicKey publicKeyOf(Ed25519PrivateKey privateKey) {
        byte[] seed = privateKey.seed();
        try {
            byte[] publicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
            Ed25519.generatePublicKey(seed, 0, publicKey, 0);
            return new Ed25519PublicKey(publicKey);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    @Override
    public Ed25519Signature sign(Ed25519PrivateKey privateKey, SignedMessage message) {
        return signMessage(privateKey, message.bytes());
    }

    /** The whole signing, for messages of any length; {@link #sign} is this with the 32 digest bytes. */
    Ed25519Signature signMessage(Ed25519PrivateKey privateKey, byte[] message) {
        byte[] seed = privateKey.seed();
        try {
            byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
            Ed25519.sign(seed, 0, message, 0, message.length, signature, 0);
            return new Ed25519Signature(signature);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }
}
