package dev.signet.bootstrap.cli;

import dev.signet.application.port.in.ManageTokensUseCase;
import dev.signet.bootstrap.Signet;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.principal.ApiToken;
import dev.signet.domain.principal.Role;
import dev.signet.domain.principal.TokenId;
import dev.signet.domain.principal.TokenName;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

@Command(mixinStandardHelpOptions = true, name = "token", description = "Issue, list and revoke the service's API tokens.",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand extends CommandGroup {

    /** A token as listed: never its secret, never its hash. */
    static JsonLine json(ApiToken token) {
        JsonLine json = new JsonLine().put("id", token.id()).put("org_id", token.organization())
                .put("role", token.role().wireName());
        token.name().ifPresent(name -> json.put("name", name.value()));
        json.put("keys", keys(token));
        json.put("created_at", token.createdAt());
        token.expiresAt().ifPresent(at -> json.put("expires_at", at));
        token.revokedAt().ifPresent(at -> json.put("revoked_at", at));
        return json;
    }

    private static String keys(ApiToken token) {
        return token.keyScope().isEmpty() ? "all"
                : token.keyScope().stream().map(KeyId::toString).sorted().collect(Collectors.joining(","));
    }

    static String text(ApiToken token) {
        return token.id() + " " + token.organization() + " " + token.role().wireName() + " keys=" + keys(token)
                + " expires=" + token.expiresAt().map(Object::toString).orElse("never")
                + (token.isRevoked() ? " revoked" : "") + token.name().map(name -> " " + name.value()).orElse("");
    }

    @Command(name = "create", description = {"Issue a token for the service; prints it once, on the last line.",
            "Only its SHA-256 is stored: keep it as a CI secret, it cannot be shown again."})
    static final class Create extends StoreSubcommand {
        @Spec
        CommandSpec spec;

        @Option(names = "--org", required = true, paramLabel = "ORG", description = "The organization (id or name).")
        String org;

        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "admin, signer, verifier or auditor.")
        String role;

        @Option(names = "--key", paramLabel = "KEY_ID",
                description = "A signer may sign with this key only (repeatable). Default: every key of the organization.")
        List<KeyId> keys = new ArrayList<>();

        @Option(names = "--expires", paramLabel = "DURATION", converter = Validity.class,
                description = "How long the token is valid: e.g. 90d, 12h, 30m, 3600s or ISO-8601 (P30D). Default: never expires.")
        Duration expires;

        @Option(names = "--name", paramLabel = "NAME", description = "What the token is for, e.g. the pipeline.")
        String name;

        @Override
        public Integer call() {
            Role parsedRole;
            try {
                parsedRole = Role.fromWireName(role.toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            try (Signet signet = openSignet()) {
                ManageTokensUseCase.IssuedToken issued = signet.tokens().create(new ManageTokensUseCase.Create(
                        signet.keyManager().organization(org).id(), parsedRole, Set.copyOf(keys),
                        Optional.ofNullable(expires), Optional.ofNullable(name).map(TokenName::new)));
                ApiToken token = issued.token();
                output().print("Created token " + token.id() + " (" + token.role().wireName() + " of "
                        + token.organization() + ", expires " + token.expiresAt().map(Object::toString).orElse("never")
                        + "); it is shown once, now:" + System.lineSeparator() + issued.secret(),
                        json(token).put("token", issued.secret()));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "List tokens (never their secrets): id, organization, role, keys, expiry.")
    static final class ListTokens extends StoreSubcommand {
        @Option(names = "--org", paramLabel = "ORG", description = "Only this organization's tokens (id or name).")
        String org;

        @Override
        public Integer call() {
            try (Signet signet = openSignet()) {
                Optional<dev.signet.domain.organization.OrganizationId> organization = Optional.ofNullable(org)
                        .map(o -> signet.keyManager().organization(o).id());
                output().printList(signet.tokens().list(organization), TokenCommand::text, TokenCommand::json);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "revoke", description = "Revoke a token: every node refuses it from its next request on.")
    static final class Revoke extends StoreSubcommand {
        @Parameters(paramLabel = "TOKEN_ID", converter = TokenIds.class, description = "The token's id (token list).")
        TokenId id;

        @Override
        public Integer call() {
            try (Signet signet = openSignet()) {
                ApiToken token = signet.tokens().revoke(id);
                output().print("Revoked token " + token.id(), json(token));
            }
            return ExitCodes.OK;
        }
    }

    static final class TokenIds implements ITypeConverter<TokenId> {
        @Override
        public TokenId convert(String text) {
            try {
                return TokenId.parse(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** 90d, 12h, 30m, 45s, or an ISO-8601 duration. */
    static final class Validity implements ITypeConverter<Duration> {
        private static final Pattern SHORT = Pattern.compile("([1-9][0-9]{0,8})([dhms])");

        @Override
        public Duration convert(String text) {
            Matcher matcher = SHORT.matcher(text.strip());
            Duration duration;
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                duration = switch (matcher.group(2)) {
                    case "d" -> Duration.ofDays(amount);
                    case "h" -> Duration.ofHours(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofSeconds(amount);
                };
            } else {
                try {
                    duration = Duration.parse(text.strip());
                } catch (DateTimeParseException e) {
                    throw new TypeConversionException("'" + text + "' is not a duration (e.g. 90d, 12h, 30m, P30D)");
                }
            }
            if (duration.isNegative() || duration.isZero()) {
                throw new TypeConversionException("a token's validity must be positive, got '" + text + "'");
            }
            return duration;
        }
    }
}
