package dev.signet.adapters.crypto.soft;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How {@link StreamingPackageHasher} reads a file into SHA-256: through a FileChannel into one reused heap or
 * direct buffer of {@code size} bytes per thread, so memory stays constant whatever the file's size. Written as
 * benchmarks' {@code HashingBenchmark} names its methods: {@code heap-64k}, {@code direct-1m}. (Mapping the file
 * in windows, which that benchmark also measures, is not offered: it was slower and far noisier here, a window is
 * only unmapped at garbage collection on Java 17, and a file cut short while mapped faults the JVM.)
 *
 * <p>Which one is fastest depends on the machine (its caches, the kernel's read path), so it is chosen by
 * measurement (docs/decisions/0006-hashing-chosen-by-measurement.md): {@link #MEASURED} is the fastest of the
 * HashingBenchmark run recorded there, and system property {@value #PROPERTY} puts the winner of a run on
 * another machine in its place without a rebuild.
 */
public record HashingStrategy(Reading reading, int size) {
    /** The system property that overrides {@link #MEASURED}, e.g. {@code -Dsignet.hashing=heap-256k}. */
    public static final String PROPERTY = "signet.hashing";

    /**
     * The fastest method of HashingBenchmark on the reference machine (2-core AMD EPYC VM, JDK 17, 1 GiB cached,
     * 2026-12-02): a FileChannel into a 64 KiB heap buffer, 689.6 ± 133.0 ms per GiB, against 742.9 for a 1 MiB
     * heap buffer, 873.3 for the 1 MiB direct buffer Signet used before (it misses this CPU's L2 cache) and
     * 988.5 or more for mapped windows; decision 0006 has the whole run.
     */
    public static final HashingStrategy MEASURED = new HashingStrategy(Reading.HEAP, HashingStrategy.MEASURED_SIZE);
    static final int MEASURED_SIZE = 64 << 10;

    private static final Pattern TEXT = Pattern.compile("(heap|direct)-(\\d{1,4})([km])");

    public enum Reading { HEAP, DIRECT }

    public HashingStrategy {
        Objects.requireNonNull(reading, "reading");
        if (size < 4096 || size > (256 << 20)) {
            throw new IllegalArgumentException("a hashing buffer or window holds 4 KiB to 256 MiB, not " + size + " bytes");
        }
    }

    /** {@code heap-64k}, {@code direct-1m}: the names HashingBenchmark gives its methods. */
    public static HashingStrategy parse(String text) {
        Matcher m = TEXT.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a hashing strategy: '" + text + "' (heap-64k, direct-1m, ...)");
        }
        Reading reading = m.group(1).equals("heap") ? Reading.HEAP : Reading.DIRECT;
        return new HashingStrategy(reading, Integer.parseInt(m.group(2)) << (m.group(3).equals("m") ? 20 : 10));
    }

    /**
     * {@value #PROPERTY} when set, else {@link #MEASURED}. A malformed value is logged and {@link #MEASURED} used:
     * how a file is read changes no hash, and failing here would fail the class initialisation of whoever asked.
     */
    public static HashingStrategy configured() {
        String text = System.getProperty(PROPERTY);
        if (text == null || text.isBlank()) {
            return MEASURED;
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            System.getLogger(HashingStrategy.class.getName()).log(System.Logger.Level.WARNING,
                    e.getMessage() + "; -D" + PROPERTY + " is ignored, hashing with " + MEASURED);
            return MEASURED;
        }
    }

    @Override
    public String toString() {
        String kind = reading == Reading.HEAP ? "heap" : "direct";
        return size % (1 << 20) == 0 ? kind + "-" + (size >> 20) + "m" : kind + "-" + (size >> 10) + "k";
    }
}
