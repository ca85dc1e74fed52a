package dev.signet.bootstrap.cli;

import dev.signet.domain.Hex;
import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.revocation.RevocationReason;
import dev.signet.domain.trust.TrustedKeyId;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How the command line's typed values are read. A value that does not parse is a usage error (exit 2), found
 * while the command line is parsed, before any file or database is touched: picocli turns a
 * {@link TypeConversionException} into a ParameterException naming the option.
 */
final class OptionValues {
    private OptionValues() {
    }

    /** Every option or parameter of these types, in every command, is read by these converters. */
    static void registerOn(CommandLine commandLine) {
        commandLine.registerConverter(Instant.class, OptionValues::instant);
        commandLine.registerConverter(KeyId.class, text -> parsed(text, KeyId::parse));
        commandLine.registerConverter(TrustedKeyId.class, text -> parsed(text, TrustedKeyId::parse));
        commandLine.registerConverter(dev.signet.domain.time.TrustedTsaId.class,
                text -> parsed(text, dev.signet.domain.time.TrustedTsaId::parse));
        commandLine.registerConverter(Path.class, OptionValues::path);
        commandLine.registerConverter(RevocationReason.class, text -> parsed(text, RevocationReason::parse));
    }

    static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + text + "' is not an ISO-8601 instant such as 2026-11-25T00:00:00Z");
        }
    }

    static Path path(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new TypeConversionException("'" + text + "' is not a usable path: " + e.getReason());
        }
    }

    /** A whole number of seconds, 0 or more: {@code --db-wait SECONDS}. */
    static final class Seconds implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            return seconds(text).orElseThrow(() -> new TypeConversionException(
                    "'" + text + "' is not a whole number of seconds (0 or more)"));
        }

        static Optional<Duration> seconds(String text) {
            String digits = text == null ? "" : text.strip();
            // at most 9 digits: no overflow, and more than 31 years is surely a mistake
            if (!digits.matches("[0-9]{1,9}")) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofSeconds(Long.parseLong(digits)));
        }
    }

    /** A raw Ed25519 public key as 64 hex characters ({@code trust add --hex}); the text is passed on as given. */
    static final class PublicKeyHex implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            parsed(text, hex -> Hex.decode(hex, 32, "the public key"));
            return text;
        }
    }

    /** A key fingerprint as 64 hex characters ({@code trust explain}); the text is passed on as given. */
    static final class FingerprintHex implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            parsed(text, KeyFingerprint::fromHex);
            return text;
        }
    }

    /** The domain's parsers throw IllegalArgumentException with a one-line message that names the value. */
    private static <T> T parsed(String text, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
