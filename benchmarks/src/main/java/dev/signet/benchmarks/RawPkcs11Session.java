package dev.signet.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import sun.security.pkcs11.wrapper.CK_ATTRIBUTE;
import sun.security.pkcs11.wrapper.CK_C_INITIALIZE_ARGS;
import sun.security.pkcs11.wrapper.CK_MECHANISM;
import sun.security.pkcs11.wrapper.PKCS11;
import sun.security.pkcs11.wrapper.PKCS11Constants;
import sun.security.pkcs11.wrapper.PKCS11Exception;

/**
 * The baseline of HsmSignBenchmark: one PKCS#11 session per benchmark thread, opened and logged in once, then
 * nothing but C_SignInit(CKM_EDDSA) + C_Sign per signature, straight through the JDK's wrapper. No pool, no
 * retry, no Signet: what "the raw C_Sign rate of N sessions" means. (The wrapper instance is the one Signet's
 * Cryptoki also gets: the JDK keeps one per library path.)
 */
@State(Scope.Thread)
public class RawPkcs11Session {
    private static final long CKM_EDDSA = 0x1057L;
    private static final long CKR_USER_ALREADY_LOGGED_IN = 0x100L;

    private PKCS11 library;
    private long session;
    private long privateKey;
    private byte[] message;

    @Setup(Level.Trial)
    public void open(HsmSignBenchmark benchmark) throws Exception {
        CK_C_INITIALIZE_ARGS args = new CK_C_INITIALIZE_ARGS();
        args.flags = PKCS11Constants.CKF_OS_LOCKING_OK;
        library = PKCS11.getInstance(benchmark.token.library().toString(), "C_GetFunctionList", args, false);
        session = library.C_OpenSession(slotOf(benchmark.token.label()),
                PKCS11Constants.CKF_SERIAL_SESSION | PKCS11Constants.CKF_RW_SESSION, null, null);
        try {
            library.C_Login(session, PKCS11Constants.CKU_USER, benchmark.token.pin().toCharArray());
        } catch (PKCS11Exception e) {
            if (e.getErrorCode() != CKR_USER_ALREADY_LOGGED_IN) {
                throw e;
            }
        }
        library.C_FindObjectsInit(session, new CK_ATTRIBUTE[] {
                new CK_ATTRIBUTE(PKCS11Constants.CKA_CLASS, PKCS11Constants.CKO_PRIVATE_KEY),
                new CK_ATTRIBUTE(PKCS11Constants.CKA_ID, benchmark.poolKeyObjectId)});
        long[] found = library.C_FindObjects(session, 2);
        library.C_FindObjectsFinal(session);
        if (found.length != 1) {
            throw new IllegalStateException("expected one private key with the benchmark's CKA_ID, found " + found.length);
        }
        privateKey = found[0];
        message = Fixtures.randomBytes(32);
        if (sign().length != 64) {
            throw new IllegalStateException("C_Sign did not return a 64-byte Ed25519 signature");
        }
    }

    byte[] sign() {
        try {
            library.C_SignInit(session, new CK_MECHANISM(CKM_EDDSA), privateKey);
            return library.C_Sign(session, message);
        } catch (PKCS11Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @TearDown(Level.Trial)
    public void close() throws PKCS11Exception {
        library.C_CloseSession(session);
    }

    private long slotOf(String label) throws PKCS11Exception {
        for (long slot : library.C_GetSlotList(true)) {
            String tokenLabel = new String(library.C_GetTokenInfo(slot).label).trim();
            if (tokenLabel.equals(label)) {
                return slot;
            }
        }
        throw new IllegalStateException("no token labelled " + label + " ("
                + Arrays.toString(label.getBytes(StandardCharsets.UTF_8)) + ")");
    }
}
