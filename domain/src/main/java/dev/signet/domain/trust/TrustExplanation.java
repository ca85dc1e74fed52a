package dev.signet.domain.trust;

import dev.signet.domain.Require;
import java.util.List;
import java.util.Optional;

/** Why an organization trusts a fingerprint, or why not. */
public sealed interface TrustExplanation {

    /** The path by which the organization trusts the key, when it does. */
    default Optional<TrustPath> trustPath() {
        return this instanceof Trusted trusted ? Optional.of(trusted.path()) : Optional.empty();
    }

    /** Trusted, along the shortest path that passes through no organization denying the key. */
    record Trusted(TrustPath path) implements TrustExplanation {
        public Trusted {
            Require.present(path, "trust path");
        }
    }

    /**
     * Not trusted because of denies: without them {@code blockedPath} would have trusted the key, but every
     * path to an organization that trusts it passes through at least one of {@code denies} (the organization
     * itself among them when it denies the key). {@code denies} are all the denies that stand on such a path.
     */
    record Denied(TrustPath blockedPath, List<TrustDeny> denies) implements TrustExplanation {
        public Denied {
            Require.present(blockedPath, "blocked trust path");
            denies = List.copyOf(Require.present(denies, "denies"));
            if (denies.isEmpty()) {
                throw new IllegalArgumentException("a denied key is denied by at least one organization");
            }
        }
    }

    /**
     * Not trusted at the time the signature is judged at: {@code path} would trust the key, but its validity
     * window (and that of every other active row for the key reachable) excludes {@code time}.
     */
    record OutsideValidity(TrustPath path, java.time.Instant time) implements TrustExplanation {
        public OutsideValidity {
            Require.present(path, "trust path");
            Require.present(time, "time judged at");
        }
    }

    /** Not trusted: no active trusted key of the organization or of any organization it grants has it. */
    record NotTrusted() implements TrustExplanation {
    }
}
