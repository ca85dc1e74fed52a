package dev.signet.domain.audit;

import dev.signet.domain.SignetException;

/** The audit chain does not verify: the verdict names the first record that does not fit, and why. */
public final class AuditChainBroken extends SignetException {
    public AuditChainBroken(AuditChainVerdict verdict) {
        this(verdict, "");
    }

    /** @param consequence appended to the message, e.g. "; no checkpoint was taken" */
    public AuditChainBroken(AuditChainVerdict verdict, String consequence) {
        super("broken at record " + verdict.brokenAt().orElseThrow() + ": " + verdict.reason().orElse("")
                + " (" + verdict.recordsChecked() + " records before it are whole)" + consequence);
    }
}
