package dev.signet.bootstrap;

import dev.signet.adapters.audit.Slf4jAuditTrail;
import dev.signet.adapters.crypto.soft.BouncyCastlePrivateKeySigner;
import dev.signet.adapters.crypto.soft.HashProgress;
import dev.signet.adapters.crypto.soft.HashingPackageStager;
import dev.signet.adapters.crypto.soft.HashingStrategy;
import dev.signet.adapters.crypto.soft.BouncyCastleSignatureVerifier;
import dev.signet.adapters.crypto.soft.PemPublicKeyCodec;
import dev.signet.adapters.crypto.soft.Pkcs8PrivateKeyReader;
import dev.signet.adapters.crypto.soft.StreamingPackageHasher;
import dev.signet.adapters.crypto.soft.tsp.Rfc3161TimestampVerifier;
import dev.signet.adapters.crypto.soft.tsp.Rfc3161Timestamper;
import dev.signet.adapters.persistence.sigfile.JsonDetachedSignatureFiles;
import dev.signet.application.port.in.SignPackageOfflineUseCase;
import dev.signet.application.port.in.VerifyPackageOfflineUseCase;
import dev.signet.application.port.out.AuditTrail;
import dev.signet.application.port.out.DetachedSignatureFiles;
import dev.signet.application.port.out.PackageHasher;
import dev.signet.application.port.out.PackageStaging;
import dev.signet.application.port.out.PrivateKeySigner;
import dev.signet.application.port.out.PublicKeyCodec;
import dev.signet.application.port.out.SignatureVerifier;
import dev.signet.application.port.out.TimestampVerifier;
import dev.signet.application.port.out.Timestamper;
import dev.signet.application.service.OfflineSigningService;
import dev.signet.application.service.OfflineVerificationService;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The adapters and use cases that need no database: software Ed25519, streaming SHA-256, detached
 * {@code .sig} files and the audit log. One adapter per port, chosen here and nowhere else.
 */
public final class OfflineComponents {
    /** Who hears of the hashing of large packages in this process (the CLI on a terminal); nobody by default. */
    private static volatile HashProgress hashProgress = HashProgress.NONE;

    private final StreamingPackageHasher hasher = new StreamingPackageHasher(HashingStrategy.configured(),
            (file, size) -> hashProgress.start(file, size));
    private final SignatureVerifier verifier = new BouncyCastleSignatureVerifier();
    private final PrivateKeySigner signer = new BouncyCastlePrivateKeySigner();
    private final DetachedSignatureFiles signatureFiles = new JsonDetachedSignatureFiles();
    private final PublicKeyCodec publicKeys = new PemPublicKeyCodec();
    private final Pkcs8PrivateKeyReader privateKeys = new Pkcs8PrivateKeyReader();
    private final Timestamper timestamper = new Rfc3161Timestamper();
    private final TimestampVerifier timestampVerifier = new Rfc3161TimestampVerifier();
    private final AuditTrail audit;
    private final Clock clock;
    private final Path stagingParent;
    private HashingPackageStager staging;

    public OfflineComponents() {
        this(new Slf4jAuditTrail(), Clock.systemUTC());
    }

    public OfflineComponents(AuditTrail audit, Clock clock) {
        this(audit, clock, defaultHome());
    }

    /** With the loading gate's private copies under {@code stagingParent} (the Signet home, or a folder of yours). */
    public OfflineComponents(AuditTrail audit, Clock clock, Path stagingParent) {
        this.audit = audit;
        this.clock = clock;
        this.stagingParent = stagingParent;
    }

    /**
     * Shows the hashing progress of every package of this process to {@code progress} from now on, whichever
     * components hash it: the CLI calls it once, before its command, when stderr is a terminal.
     */
    public static void showHashProgress(HashProgress progress) {
        hashProgress = java.util.Objects.requireNonNull(progress, "progress");
    }

    /** Signet's default home, ~/.signet, as the CLI's and the embedded database's. */
    public static Path defaultHome() {
        return Path.of(System.getProperty("user.home"), ".signet");
    }

    public SignPackageOfflineUseCase signing() {
        return new OfflineSigningService(hasher, signer, signatureFiles, audit, clock, timestamper);
    }

    public VerifyPackageOfflineUseCase verification() {
        return new OfflineVerificationService(hasher, verifier, signatureFiles, audit, timestampVerifier, clock);
    }

    /** Asks an RFC 3161 TSA for a timestamp over a signature (sign --tsa-url). */
    public Timestamper timestamper() {
        return timestamper;
    }

    /** Checks a signature's RFC 3161 timestamp against trusted TSA certificates, and reads those certificates. */
    public TimestampVerifier timestampVerifier() {
        return timestampVerifier;
    }

    public PublicKeyCodec publicKeys() {
        return publicKeys;
    }

    public Pkcs8PrivateKeyReader privateKeys() {
        return privateKeys;
    }

    public PackageHasher hasher() {
        return hasher;
    }

    public SignatureVerifier verifier() {
        return verifier;
    }

    /**
     * The package loader's stager. Making it sweeps the staging folders of killed runs under the staging parent;
     * its own folder is made on the first package staged and removed by {@link #close}.
     */
    public synchronized PackageStaging staging() {
        if (staging == null) {
            staging = new HashingPackageStager(hasher, stagingParent);
        }
        return staging;
    }

    /** Removes the stager's folder, if it made one and no copy handed over is still in it. */
    public synchronized void close() {
        if (staging != null) {
            staging.close();
        }
    }

    public PrivateKeySigner signer() {
        return signer;
    }

    public DetachedSignatureFiles signatureFiles() {
        return signatureFiles;
    }
}
