package dev.signet.domain.audit;

import dev.signet.domain.Hex;
import dev.signet.domain.Require;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * One link of the durable audit chain. Each record carries the hash of the one before it, so deleting
 * or editing a record breaks every link after it:
 * <pre>
 * hash = SHA-256( previousHash || "\n" || position || "\n" || eventType || "\n" || occurredAt || "\n" || payload )
 * </pre>
 * with hashes as lowercase hex, positions counting from 1 without gaps, occurredAt in ISO-8601 UTC, and
 * the first record's previousHash 64 zeros. The payload holds the event's origin (actor, client address,
 * request id), so the hash covers who caused it.
 */
public record AuditRecord(long position, String eventType, Instant occurredAt, String payload, String previousHash,
        String hash) {

    public static final String GENESIS_HASH = "0".repeat(64);

    public AuditRecord {
        if (position < 1) {
            throw new IllegalArgumentException("audit positions start at 1, got " + position);
        }
        Require.present(eventType, "event type");
        Require.present(occurredAt, "time");
        Require.present(payload, "payload");
        Require.present(previousHash, "previous hash");
        Require.present(hash, "hash");
    }

    /** The record that follows {@code previous} (or starts the chain when previous is null). */
    public static AuditRecord append(AuditRecord previous, AuditEvent event, AuditOrigin origin, Instant occurredAt) {
        long position = previous == null ? 1 : previous.position() + 1;
        String previousHash = previous == null ? GENESIS_HASH : previous.hash();
        String payload = AuditPayload.json(event, origin);
        return new AuditRecord(position, event.eventType(), occurredAt, payload, previousHash,
                linkHash(previousHash, position, event.eventType(), occurredAt, payload));
    }

    /** Whether this record's hash is the one its contents and its predecessor's hash give. */
    public boolean isIntact() {
        return hash.equals(linkHash(previousHash, position, eventType, occurredAt, payload));
    }

    static String linkHash(String previousHash, long position, String eventType, Instant occurredAt, String payload) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            String text = previousHash + "\n" + position + "\n" + eventType + "\n" + occurredAt + "\n" + payload;
            return Hex.encode(sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
