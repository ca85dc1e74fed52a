package dev.signet.bootstrap.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;

/** The TSA that timestamps signatures (sign, serve): --tsa-url, else SIGNET_TSA_URL (empty means none). */
final class TsaUrls {
    static final String VARIABLE = "SIGNET_TSA_URL";

    private TsaUrls() {
    }

    static Optional<URI> resolve(URI flag, Map<String, String> environment) {
        if (flag != null) {
            return Optional.of(flag);
        }
        String fromEnvironment = environment.get(VARIABLE);
        if (fromEnvironment == null || fromEnvironment.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(fromEnvironment.strip()));
        } catch (URISyntaxException e) {
            throw new CliFailure(VARIABLE + ": not a URL (" + e.getMessage() + ")");
        }
    }
}
