package dev.signet.adapters.crypto.soft;

import dev.signet.application.port.out.PackageHasher;
import dev.signet.application.port.out.FileKinds;
import dev.signet.application.port.out.PackageNotReadable;
import dev.signet.application.port.out.PackageTooLarge;
import dev.signet.domain.signature.PackageHash;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * SHA-256 of a package file in constant memory: the file is read through a FileChannel into one buffer per
 * thread, never whole. The buffer's kind and size are a {@link HashingStrategy}, chosen by measurement
 * ({@link HashingStrategy#MEASURED}, or system property {@value HashingStrategy#PROPERTY}): a buffer that fits
 * the CPU's L2 cache keeps the bytes hot between the kernel's copy and the digest. Per thread and reused, because
 * off-heap memory (a direct buffer, or the channel's hidden one behind a heap buffer) allocated per call is only
 * freed at garbage collection. The JDK's MessageDigest is used because it runs on the CPU's SHA extensions.
 */
public final class StreamingPackageHasher implements PackageHasher {
    static final int DEFAULT_BUFFER_SIZE = HashingStrategy.MEASURED_SIZE;

    private final HashingStrategy strategy;
    private final ThreadLocal<ByteBuffer> buffers;
    private final HashProgress progress;

    /** With {@link HashingStrategy#configured()} and no progress. */
    public StreamingPackageHasher() {
        this(HashingStrategy.configured(), HashProgress.NONE);
    }

    public StreamingPackageHasher(HashingStrategy strategy, HashProgress progress) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.buffers = ThreadLocal.withInitial(() -> strategy.reading() == HashingStrategy.Reading.DIRECT
                ? ByteBuffer.allocateDirect(strategy.size()) : ByteBuffer.allocate(strategy.size()));
    }

    StreamingPackageHasher(int bufferSize) {
        this(new HashingStrategy(HashingStrategy.Reading.HEAP, bufferSize), HashProgress.NONE);
    }

    public HashingStrategy strategy() {
        return strategy;
    }

    @Override
    public PackageHash hash(Path packageFile) {
        return hashCopying(packageFile, null, Long.MAX_VALUE);
    }

    /**
     * Hashes the file and, when {@code copy} is not null, writes the same bytes to it in the same pass,
     * so the hash is the hash of exactly what was copied. Only a regular file is opened (a FIFO would block
     * the open); one holding more than {@code maxBytes}, before or while it is read, is PackageTooLarge.
     */
    PackageHash hashCopying(Path packageFile, WritableByteChannel copy, long maxBytes) {
        long size = requireRegularFile(packageFile);
        if (size > maxBytes) {
            throw new PackageTooLarge(packageFile, maxBytes);
        }
        MessageDigest sha256 = sha256();
        ByteBuffer buffer = buffers.get();
        long total = 0;
        HashProgress.Tracker tracker = progress.start(packageFile, size);
        try (FileChannel channel = FileChannel.open(packageFile, StandardOpenOption.READ)) {
            buffer.clear();
            int read;
            while ((read = channel.read(buffer)) >= 0) {
                total += read;
                if (total > maxBytes) {
                    throw new PackageTooLarge(packageFile, maxBytes); // it grew after the size check
                }
                buffer.flip();
                if (copy != null) {
                    buffer.mark();
                    while (buffer.hasRemaining()) {
                        copy.write(buffer);
                    }
                    buffer.reset();
                }
                sha256.update(buffer);
                buffer.clear();
                tracker.hashed(total);
            }
        } catch (IOException e) {
            throw new PackageNotReadable(packageFile, reason(e), e);
        } finally {
            tracker.finished();
        }
        return new PackageHash(sha256.digest());
    }

    /** The file's size, after making sure, without opening it, that it is a regular file (following links). */
    private static long requireRegularFile(Path packageFile) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(packageFile, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                throw new PackageNotReadable(packageFile, "it " + FileKinds.notRegular(FileKinds.of(packageFile)), null);
            }
            return attributes.size();
        } catch (IOException e) {
            throw new PackageNotReadable(packageFile, reason(e), e);
        }
    }

    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String reason = e instanceof FileSystemException fse ? fse.getReason() : e.getMessage();
        return reason == null || reason.isBlank()
                ? e.getClass().getSimpleName()
                : reason.replaceAll("\\s+", " ").strip();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
