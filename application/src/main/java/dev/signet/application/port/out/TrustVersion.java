package dev.signet.application.port.out;

/**
 * A counter that moves on with every committed change to trust (a trusted key added or revoked, a grant
 * made or withdrawn), in whichever process made it: what lets trust be kept in memory and still be exact.
 * The repositories advance it in the transaction of the change.
 */
public interface TrustVersion {
    /**
     * The version as the caller's transaction sees it, read from the database. Read it before the trust it
     * describes: what is read afterwards is then at least that new.
     */
    long current();

    /**
     * The newest committed version, as cheaply as the database allows: without a round trip where the
     * database pushes changes (PostgreSQL LISTEN/NOTIFY), else read like {@link #current()}.
     */
    long latest();
}
