package dev.signet.adapters.crypto.pkcs11;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real PKCS#11 library that fails on demand: src/test/c/faulty_pkcs11.c, compiled with gcc into
 * target/faulty-pkcs11/, in front of the test token's SoftHSM2 library. Its C_SignInit and C_Sign return the
 * CK_RV the control file names, as often as it says; everything else is SoftHSM's own.
 *
 * <p>Each build gets its own folder: the JDK keeps one PKCS11 instance per library path, and the control file's
 * path is compiled in, so a shim at a new path is a new, independent instance. The shim loads the same
 * SoftHSM2 file as the other tests, so it shares the token (and, within this JVM, the library's state).
 *
 * <p>Needs gcc (./run-tests installs it); without it the build fails, since the tests only run it when a
 * SoftHSM2 token was provided.
 */
public final class FaultyPkcs11Library {
    private static final String SOURCE = "src/test/c/faulty_pkcs11.c";

    private final Path library;
    private final Path control;

    private FaultyPkcs11Library(Path library, Path control) {
        this.library = library;
        this.control = control;
    }

    /**
     * Compiles the shim for {@code realLibrary}. {@code moduleDir} is the adapters-crypto-pkcs11 folder (the
     * working directory of its own tests); the result goes to target/faulty-pkcs11/ under the working folder.
     */
    public static FaultyPkcs11Library build(Path moduleDir, Path realLibrary) throws IOException {
        Path source = moduleDir.resolve(SOURCE).toAbsolutePath().normalize();
        if (!Files.isRegularFile(source)) {
            fail("the shim's source is missing: " + source);
        }
        Path dir = Files.createDirectories(Path.of("target", "faulty-pkcs11", UUID.randomUUID().toString())
                .toAbsolutePath());
        Path library = dir.resolve("libfaultypkcs11.so");
        Path control = dir.resolve("control");
        run(List.of("gcc", "-shared", "-fPIC", "-O2", "-Wall", "-Wextra", "-Werror", "-o", library.toString(),
                source.toString(), "-ldl", "-pthread", "-DREAL_LIBRARY=\"" + realLibrary.toAbsolutePath() + "\"",
                "-DCONTROL_FILE=\"" + control + "\""));
        return new FaultyPkcs11Library(library, control);
    }

    /** The shim; give it to Pkcs11Config in place of SoftHSM's library. */
    public Path library() {
        return library;
    }

    /** The next {@code times} calls of {@code function} (C_Sign or C_SignInit) return {@code ckr}. */
    public void failNext(String function, long ckr, int times) throws IOException {
        write(function + " 0x" + Long.toHexString(ckr) + " " + times);
    }

    /**
     * As {@link #failNext}, for C_Sign, but the failed call leaves the token's signing operation active, as a
     * library that lost track of its device may: that session's next C_SignInit is CKR_OPERATION_ACTIVE.
     */
    public void failNextLeavingTheOperationActive(long ckr, int times) throws IOException {
        write("C_Sign 0x" + Long.toHexString(ckr) + " " + times + " stuck");
    }

    /** Every call of {@code function} returns {@code ckr} until {@link #heal()} (each call counts as one). */
    public void failEvery(String function, long ckr) throws IOException {
        write(function + " 0x" + Long.toHexString(ckr) + " always");
    }

    /** The fault clears: every call goes through to SoftHSM again. */
    public void heal() throws IOException {
        Files.deleteIfExists(control);
    }

    /** How many failures of a counted fault are left: tells how many calls reached the library. */
    public int remainingFailures() throws IOException {
        String[] fields = Files.readString(control, StandardCharsets.US_ASCII).strip().split(" ");
        return Integer.parseInt(fields[2]);
    }

    private void write(String line) throws IOException {
        Path temp = control.resolveSibling("control.tmp");
        Files.writeString(temp, line + "\n", StandardCharsets.US_ASCII);
        Files.move(temp, control, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static void run(List<String> command) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("cannot run gcc to build the faulty PKCS#11 library (apt-get install -y gcc libc6-dev; ./run-tests"
                    + " does): " + e.getMessage());
            throw e;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("gcc did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while compiling the faulty PKCS#11 library", e);
        }
        if (process.exitValue() != 0) {
            fail("gcc failed to build the faulty PKCS#11 library: " + String.join(" ", command) + "\n" + output);
        }
    }
}
