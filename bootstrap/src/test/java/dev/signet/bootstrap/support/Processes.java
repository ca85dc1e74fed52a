package dev.signet.bootstrap.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs outside programs (OpenSSL, a second JVM) with a time bound, capturing their output. */
public final class Processes {
    private Processes() {
    }

    public record Result(int exitCode, String output) {
    }

    public static Result run(Path workingDir, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within 120 s");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0] + " (./run-tests installs it): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs and asserts success. */
    public static String ok(Path workingDir, String... command) {
        Result result = run(workingDir, command);
        assertThat(result.exitCode()).as(String.join(" ", command) + "\n" + result.output()).isZero();
        return result.output();
    }

    /** A class's main in a fresh JVM on this test's classpath, with the JVM flags Signet needs. */
    public static Result java(Path workingDir, Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String flag : System.getProperty("signet.pkcs11.jvm.flags", "").split(" ")) {
            if (!flag.isBlank()) {
                command.add(flag);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        return run(workingDir, command.toArray(String[]::new));
    }

    /** The command line of the signet CLI in a fresh JVM of this test's JDK and class path. */
    public static List<String> signetCommand(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.signet.bootstrap.cli.SignetCli");
        command.addAll(List.of(args));
        return command;
    }

    /** The signet CLI in a fresh JVM with the given extra JVM options, as the launcher starts it. */
    public static Result signet(Path workingDir, List<String> jvmOptions, String... args) {
        List<String> command = signetCommand(jvmOptions, args);
        return run(workingDir, command.toArray(String[]::new));
    }

    /**
     * The signet CLI in a fresh JVM with the given environment and JVM options, killed (and the test failed)
     * if it runs longer than {@code bound}: for commands that must not block, whatever a path points at.
     */
    public static Result signetWithin(java.time.Duration bound, Path workingDir, java.util.Map<String, String> environment,
            List<String> jvmOptions, String... args) {
        List<String> command = signetCommand(jvmOptions, args);
        try {
            java.io.File log = java.nio.file.Files.createTempFile(workingDir, "signet-", ".out").toFile();
            ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                fail("signet " + String.join(" ", args) + " did not finish within " + bound + "; output: "
                        + java.nio.file.Files.readString(log.toPath()));
            }
            return new Result(process.exitValue(), java.nio.file.Files.readString(log.toPath()));
        } catch (IOException e) {
            throw new AssertionError("cannot run signet: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
