package dev.signet.application.port.out;

import java.util.Objects;
import java.util.UUID;

/**
 * A counter that moves on with every committed change to trust (a trusted key added or revoked, a grant
 * made or withdrawn), in whichever process made it: what lets trust be kept in memory and still be exact.
 * The repositories advance it in the transaction of the change.
 *
 * <p>The counter alone cannot say whether trust is unchanged: a restore, a failover to a replica that lags, or
 * a hand-made {@code UPDATE}/{@code DELETE} brings it back to a number it had before, over different trust. So
 * each change also writes a new random {@link Stamp#epoch() epoch}, and a row made anew gets a new one: a
 * {@link Stamp} names one state of trust, and a stamp different from the one a cache entry was built at,
 * older or newer, means the entry is stale.
 */
public interface TrustVersion {
    /**
     * One state of trust in the database: equal stamps, equal trust.
     *
     * @param version how many changes the counter has counted (for people and order; equality decides)
     * @param epoch   new with every change and with a recreated row, so that a stamp once left never comes back
     */
    record Stamp(long version, UUID epoch) {
        public Stamp {
            Objects.requireNonNull(epoch, "trust version epoch");
        }
    }

    /**
     * The stamp as the caller's transaction sees it, read from the database. Read it before and after the trust
     * it describes: when both reads agree, no change to trust committed in between.
     */
    Stamp current();

    /**
     * The newest committed stamp, as cheaply as the database allows: without a round trip where the database
     * pushes changes (PostgreSQL LISTEN/NOTIFY), else read like {@link #current()}.
     */
    Stamp latest();
}
