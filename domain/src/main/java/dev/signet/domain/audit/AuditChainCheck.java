package dev.signet.domain.audit;

import dev.signet.domain.Hex;
import dev.signet.domain.Require;

/**
 * Walks the chain in position order and names the first record that does not fit: a missing position
 * (a deleted record), a previous-hash that is not its predecessor's hash (a record removed or
 * reordered), or a hash its contents do not give (an edited record). The head, kept apart from the
 * records, catches records deleted from the end.
 *
 * <p>The head is only as good as the database it is in: someone who deletes the last records and sets the head
 * back, or rewrites the whole chain, leaves a chain that fits. A checkpoint held elsewhere catches that: given
 * one ({@link #expect}), the check also requires the chain to still hold the checkpoint's record, with its hash.
 */
public final class AuditChainCheck {
    private long checked;
    private AuditRecord previous;
    private AuditChainVerdict broken;
    private AuditCheckpoint checkpoint;

    /** Also requires the chain to hold the record {@code checkpoint} names, with the hash it names. */
    public AuditChainCheck expect(AuditCheckpoint checkpoint) {
        this.checkpoint = Require.present(checkpoint, "checkpoint");
        return this;
    }

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
        } else if (checkpoint != null && record.position() == checkpoint.position()
                && !record.hash().equals(checkpoint.chainHash())) {
            broken = AuditChainVerdict.brokenAt(checked, record.position(), "record " + record.position()
                    + " is not the one the checkpoint of " + checkpoint.timeText() + " names: its hash is "
                    + Hex.abbreviate(record.hash()) + ", the checkpoint's " + Hex.abbreviate(checkpoint.chainHash())
                    + " (the chain was rewritten)");
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
        if (checkpoint != null && checkpoint.position() > last) {
            return AuditChainVerdict.brokenAt(checked, checkpoint.position(), "record " + checkpoint.position()
                    + ", which the checkpoint of " + checkpoint.timeText() + " names, is missing: the chain ends at record "
                    + last + " (records were removed from its end)");
        }
        return AuditChainVerdict.whole(checked);
    }
}
