package dev.signet.adapters.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.signet.application.port.out.IdentityTokenVerifier;
import dev.signet.domain.principal.Unauthenticated;
import dev.signet.domain.principal.VerifiedIdentityToken;
import java.io.IOException;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Verifies identity tokens with Nimbus JOSE+JWT: the token's {@code iss} picks the configured provider (read before
 * verification, only to choose; the verification then requires it exactly), whose JWKS must hold the key that
 * signed it with one of the provider's algorithms; {@code aud} must name the provider's audience; {@code exp},
 * {@code iat} and {@code sub} must be present; {@code exp}, {@code nbf} and {@code iat} are checked against the
 * clock with {@link #CLOCK_SKEW} of slack. Unsigned ({@code alg: none}) and encrypted tokens are refused.
 *
 * <p>Every refusal is {@link Unauthenticated} with a message that says why and never holds the token or any part
 * of it; the library's exception is not attached as a cause, so no stack trace carries its text either.
 */
public final class NimbusIdentityTokenVerifier implements IdentityTokenVerifier {
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    private static final int JWKS_TIMEOUT_MILLIS = 5_000;

    private final Map<String, DefaultJWTProcessor<SecurityContext>> processors = new LinkedHashMap<>();
    private final Clock clock;

    /** @throws InvalidIdentityConfig when a provider's JWKS file cannot be read or its URL is not one */
    public NimbusIdentityTokenVerifier(List<OidcProvider> providers, Clock clock) {
        this.clock = clock;
        for (OidcProvider provider : providers) {
            processors.put(provider.issuer(), processorFor(provider));
        }
    }

    @Override
    public VerifiedIdentityToken verify(String token) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new Unauthenticated("the identity token is not a well-formed JWT");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw new Unauthenticated("the identity token is not signed (alg " + jwt.getHeader().getAlgorithm()
                    + "): unsigned and encrypted identity tokens are refused");
        }
        String issuer;
        try {
            issuer = signed.getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            throw new Unauthenticated("the identity token's claims are not a JSON object");
        }
        if (issuer == null) {
            throw new Unauthenticated("the identity token names no issuer (iss)");
        }
        DefaultJWTProcessor<SecurityContext> processor = processors.get(issuer);
        if (processor == null) {
            throw new Unauthenticated("the identity token's issuer " + printable(issuer) + " is not configured");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(signed, null);
        } catch (BadJOSEException | JOSEException e) {
            throw new Unauthenticated("the identity token of issuer " + issuer + " is refused: "
                    + scrubbed(e.getMessage(), token));
        }
        Date issuedAt = claims.getIssueTime();
        if (issuedAt.toInstant().isAfter(clock.instant().plus(CLOCK_SKEW))) {
            throw new Unauthenticated("the identity token of issuer " + issuer + " is refused: it was issued in the "
                    + "future (iat " + issuedAt.toInstant() + ")");
        }
        return new VerifiedIdentityToken(issuer, claims.getSubject(), textClaims(claims));
    }

    private static DefaultJWTProcessor<SecurityContext> processorFor(OidcProvider provider) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        Set<JWSAlgorithm> algorithms = provider.algorithms().stream().map(JWSAlgorithm::parse)
                .collect(Collectors.toSet());
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keysOf(provider)));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(provider.audience(),
                new JWTClaimsSet.Builder().issuer(provider.issuer()).build(), Set.of("sub", "exp", "iat"));
        claims.setMaxClockSkew((int) CLOCK_SKEW.toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
        return processor;
    }

    private static JWKSource<SecurityContext> keysOf(OidcProvider provider) {
        if (provider.jwks() instanceof JwksLocation.File file) {
            try {
                return new ImmutableJWKSet<>(JWKSet.load(file.path().toFile()));
            } catch (IOException | ParseException e) {
                throw new InvalidIdentityConfig("issuer " + provider.issuer() + ": cannot read its JWKS file "
                        + file.path() + ": " + e.getMessage());
            }
        }
        JwksLocation.Url url = (JwksLocation.Url) provider.jwks();
        try {
            return JWKSourceBuilder.<SecurityContext>create(url.uri().toURL(),
                    new com.nimbusds.jose.util.DefaultResourceRetriever(JWKS_TIMEOUT_MILLIS, JWKS_TIMEOUT_MILLIS))
                    .build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new InvalidIdentityConfig("issuer " + provider.issuer() + ": jwks_url " + url.uri()
                    + " is not a URL: " + e.getMessage());
        }
    }

    /** Claims as text, for the claim rules: strings as they are, numbers and booleans written out, the rest left out. */
    private static Map<String, String> textClaims(JWTClaimsSet claims) {
        Map<String, String> text = new LinkedHashMap<>();
        claims.getClaims().forEach((name, value) -> {
            if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                text.put(name, value.toString());
            }
        });
        return text;
    }

    /** The library's reason, with the token and each of its parts cut out should it ever quote them. */
    static String scrubbed(String message, String token) {
        String text = message == null ? "no reason given" : message;
        text = text.replace(token, "[token]");
        for (String part : token.split("\\.")) {
            if (part.length() >= 8) {
                text = text.replace(part, "[token]");
            }
        }
        return printable(text);
    }

    private static String printable(String text) {
        String oneLine = text.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
    }

}
