package dev.signet.application.service;

import dev.signet.application.port.out.AuditTrail;
import dev.signet.application.port.out.DetachedSignatureFiles;
import dev.signet.application.port.out.PackageHasher;
import dev.signet.application.port.out.PackageNotReadable;
import dev.signet.application.port.out.PrivateKeySigner;
import dev.signet.application.port.out.SignatureVerifier;
import dev.signet.domain.audit.AuditEvent;
import dev.signet.domain.key.Ed25519PrivateKey;
import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.signature.Ed25519Signature;
import dev.signet.domain.signature.PackageHash;
import dev.signet.domain.signature.PackageSignature;
import dev.signet.domain.signature.SignedMessage;
import dev.signet.domain.verification.SignatureNotFound;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** In-memory stand-ins for the out ports, so the services' rules can be read and tested alone. */
final class Fakes {
    private Fakes() {
    }

    static final class Sha256Hasher implements PackageHasher {
        @Override
        public PackageHash hash(Path packageFile) {
            try {
                return new PackageHash(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(packageFile)));
            } catch (IOException e) {
                throw new PackageNotReadable(packageFile, e.toString(), e);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A "signature" that is the message twice; verifies when it is. Enough to test orchestration. */
    static final class MirrorCrypto implements PrivateKeySigner, SignatureVerifier {
        static final Ed25519PublicKey PUBLIC_KEY = new Ed25519PublicKey(new byte[32]);

        @Override
        public Ed25519PrivateKey generate() {
            return Ed25519PrivateKey.fromSeed(new byte[32]);
        }

        @Override
        public Ed25519PublicKey publicKeyOf(Ed25519PrivateKey privateKey) {
            return PUBLIC_KEY;
        }

        @Override
        public Ed25519Signature sign(Ed25519PrivateKey privateKey, SignedMessage message) {
            byte[] signature = new byte[64];
            System.arraycopy(message.bytes(), 0, signature, 0, 32);
            System.arraycopy(message.bytes(), 0, signature, 32, 32);
            return new Ed25519Signature(signature);
        }

        @Override
        public boolean verify(Ed25519PublicKey publicKey, SignedMessage message, Ed25519Signature signature) {
            return sign(null, message).equals(signature);
        }
    }

    static final class InMemorySignatureFiles implements DetachedSignatureFiles {
        final Map<Path, PackageSignature> files = new HashMap<>();

        @Override
        public PackageSignature read(Path signatureFile) {
            PackageSignature signature = files.get(signatureFile);
            if (signature == null) {
                throw new SignatureNotFound("no " + signatureFile);
            }
            return signature;
        }

        /** Also leaves an empty file on disk, so that sidecar look-ups, which ask the file system, find it. */
        @Override
        public void write(Path signatureFile, PackageSignature signature) {
            files.put(signatureFile, signature);
            try {
                Files.write(signatureFile, new byte[0]);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void checkTarget(Path signatureFile, Path packageFile) {
            // nothing on disk to protect: the files live in the map
        }

        @Override
        public byte[] encode(PackageSignature signature) {
            throw new UnsupportedOperationException("not needed by the services");
        }

        @Override
        public PackageSignature decode(byte[] signatureJson) {
            throw new UnsupportedOperationException("not needed by the services");
        }
    }

    static final class RecordingAuditTrail implements AuditTrail {
        final List<AuditEvent> events = new ArrayList<>();

        @Override
        public void record(AuditEvent event) {
            events.add(event);
        }
    }
}
