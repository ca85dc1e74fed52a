package dev.signet.domain.audit;

import java.util.Optional;

/** The result of checking the audit chain: whole, or the first position where it breaks and why. */
public record AuditChainVerdict(long recordsChecked, Optional<Long> brokenAt, Optional<String> reason) {

    public static AuditChainVerdict whole(long recordsChecked) {
        return new AuditChainVerdict(recordsChecked, Optional.empty(), Optional.empty());
    }

    public static AuditChainVerdict brokenAt(long recordsChecked, long position, String reason) {
        return new AuditChainVerdict(recordsChecked, Optional.of(position), Optional.of(reason));
    }

    public boolean isWhole() {
        return brokenAt.isEmpty();
    }
}
