package dev.signet.bootstrap.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Sizes as people write them: 1048576, 512KiB, 100MiB, 4GiB (binary units; K, M, G mean the same). */
final class ByteSizes {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})\\s*(|k|kib|m|mib|g|gib|t|tib)");

    private ByteSizes() {
    }

    static long parse(String text) {
        Matcher size = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!size.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size (bytes, or a number with KiB, MiB, GiB)");
        }
        int shift = switch (size.group(2)) {
            case "k", "kib" -> 10;
            case "m", "mib" -> 20;
            case "g", "gib" -> 30;
            case "t", "tib" -> 40;
            default -> 0;
        };
        try {
            long value = Long.parseLong(size.group(1));
            if (value <= 0 || value > (Long.MAX_VALUE >> shift)) {
                throw new IllegalArgumentException("'" + text + "' must be more than 0 and less than 8 EiB");
            }
            return value << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large", e);
        }
    }

    static final class Converter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
