package dev.signet.adapters.crypto.soft;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the openssl CLI for interop tests. A missing openssl fails the test rather than skipping it:
 * interop with OpenSSL is a promise of the product (compat.md), not an optional extra.
 */
final class OpenSsl {
    private static final long TIMEOUT_SECONDS = 60;

    private OpenSsl() {
    }

    /** Runs {@code openssl args...} in {@code dir}, asserts exit code 0 and returns standard output. */
    static byte[] run(Path dir, String... args) {
        Result result = exec(dir, args);
        if (result.exitCode() != 0) {
            fail("openssl " + String.join(" ", args) + " exited with " + result.exitCode() + ": " + result.stderr());
        }
        return result.stdout();
    }

    static Result exec(Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).start();
        } catch (IOException e) {
            return fail("the openssl CLI is needed for the interop tests but could not be started ("
                    + e.getMessage() + "); install it, e.g. apt-get install -y openssl");
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<byte[]> stdout = drain(process.getInputStream());
            CompletableFuture<byte[]> stderr = drain(process.getErrorStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return fail("openssl " + String.join(" ", args) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), stdout.join(),
                    new String(stderr.join(), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return fail("talking to openssl failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while waiting for openssl", e);
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    record Result(int exitCode, byte[] stdout, String stderr) {
    }
}
