package dev.signet.adapters.persistence.db.mapper;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** SQL for the audit chain, {@code audit_events} and {@code audit_chain_head}; statements in AuditEventMapper.xml. */
public interface AuditEventMapper {
    /** The head, locked until the transaction ends: the one lock every append takes. Null if the row is gone. */
    AuditHeadRow lockHead();

    /** The head, unlocked. Null if the row is gone. */
    AuditHeadRow head();

    /** @return rows changed: 0 when the head no longer says {@code previousPosition} */
    int moveHead(@Param("previousPosition") long previousPosition, @Param("position") long position,
            @Param("hash") String hash);

    void insert(AuditEventRow row);

    /** One multi-row INSERT; the list must not be empty. */
    void insertAll(@Param("rows") List<AuditEventRow> rows);

    AuditEventRow findByPosition(long position);

    /** Records of this type at exactly this time, in position order (index ix_audit_events_type_time). */
    List<AuditEventRow> findByTypeAndTime(@Param("eventType") String eventType, @Param("occurredAt") Instant occurredAt);

    /** In position order; a null argument does not filter. {@code since} is inclusive. */
    List<AuditEventRow> list(@Param("eventType") String eventType, @Param("since") Instant since);

    /** Up to {@code limit} rows after position {@code after}, in position order. */
    List<AuditEventRow> page(@Param("after") long after, @Param("limit") int limit);
}
