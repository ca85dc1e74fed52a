package dev.signet.bootstrap.service;

import static org.assertj.core.api.Assertions.fail;

import dev.signet.bootstrap.support.Processes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One {@code signet serve} process, started as the launcher starts it, on a free loopback port. */
final class ServiceNode implements AutoCloseable {
    private final Process process;
    private final Path log;
    final URI url;

    /** What ./signet gives every command, so that a node can open a PKCS#11 token as a launched one does. */
    private static final List<String> LAUNCHER_MODULE_FLAGS = List.of("--add-modules", "jdk.crypto.cryptoki",
            "--add-exports", "jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED");

    private ServiceNode(Process process, Path log, URI url) {
        this.process = process;
        this.log = log;
        this.url = url;
    }

    static ServiceNode start(Path dir, String name, Map<String, String> environment, String... args) throws IOException {
        Path log = dir.resolve(name + ".err");
        ProcessBuilder builder = new ProcessBuilder(Processes.signetCommand(LAUNCHER_MODULE_FLAGS, args))
                .directory(dir.toFile()).redirectError(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String line = first.get(60, TimeUnit.SECONDS);
            if (line == null || !line.startsWith("listening on ")) {
                process.destroyForcibly().waitFor();
                fail("signet serve did not start: stdout '" + line + "', stderr " + Files.readString(log));
            }
            return new ServiceNode(process, log, URI.create(line.substring("listening on ".length()).strip()));
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
            throw new AssertionError("signet serve did not say it listens within 60 s: " + Files.readString(log), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    URI resolve(String path) {
        return url.resolve(path);
    }

    /** SIGTERM, without waiting for the exit. */
    void sigterm() {
        process.destroy();
    }

    /** SIGTERM, then the exit code (the process must stop within 60 s). */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("signet serve did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    /**
     * SIGKILL to the node's JVM itself (the process this class started is {@code java}, no wrapper shell), and
     * waits for it to be gone: nothing of the node runs on, no shutdown hook, no flush.
     */
    void kill() throws InterruptedException {
        String command = process.info().command().orElse("");
        if (!command.endsWith("/java")) {
            throw new AssertionError("the node's process is not the JVM but " + command);
        }
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the node's JVM lives on 30 s after SIGKILL");
        }
    }

    String stderr() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }
}
