package dev.signet.domain.audit;

/**
 * Walks the chain in position order and names the first record that does not fit: a missing position
 * (a deleted record), a previous-hash that is not its predecessor's hash (a record removed or
 * reordered), or a hash its contents do not give (an edited record). The head, kept apart from the
 * records, catches records deleted from the end.
 */
public final class AuditChainCheck {
    private long checked;
    private AuditRecord previous;
    private AuditChainVerdict broken;

    /** Feeds the next record in position order; returns false once the chain is found broken. */
    public boolean accept(AuditRecord record) {
        if (broken != null) {
            return false;
        }
        long expected = previous == null ? 1 : previous.position() + 1;
        String expectedPrevious = previous == null ? AuditRecord.GENESIS_HASH : previous.hash();
        if (record.position() != expected) {
            broken = AuditChainVerdict.brokenAt(checked, expected, "record " + expected + " is missing");
        } else if (!record.previousHash().equals(expectedPrevious)) {
            broken = AuditChainVerdict.brokenAt(checked, record.position(),
                    "record " + record.position() + " does not link to record " + (record.position() - 1));
        } else if (!record.isIntact()) {
            broken = AuditChainVerdict.brokenAt(checked, record.position(),
                    "record " + record.position() + " was altered: its hash does not match its contents");
        } else {
            checked++;
            previous = record;
        }
        return broken == null;
    }

    /** The verdict, given the position and hash the chain's head says the last record has. */
    public AuditChainVerdict verdict(long headPosition, String headHash) {
        if (broken != null) {
            return broken;
        }
        long last = previous == null ? 0 : previous.position();
        if (headPosition > last) {
            return AuditChainVerdict.brokenAt(checked, last + 1, "record " + (last + 1) + " is missing");
        }
        if (headPosition < last || (previous != null && !previous.hash().equals(headHash))) {
            return AuditChainVerdict.brokenAt(checked, last, "record " + last + " does not match the chain head");
        }
        return AuditChainVerdict.whole(checked);
    }
}
