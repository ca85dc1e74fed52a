package dev.signet.adapters.oidc;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/** Where an issuer's signing keys are: a JWKS URL (fetched, cached, refetched for an unknown key id) or a file. */
public sealed interface JwksLocation {
    record Url(URI uri) implements JwksLocation {
        public Url {
            Objects.requireNonNull(uri, "JWKS URL");
        }
    }

    record File(Path path) implements JwksLocation {
        public File {
            Objects.requireNonNull(path, "JWKS file");
        }
    }
}
