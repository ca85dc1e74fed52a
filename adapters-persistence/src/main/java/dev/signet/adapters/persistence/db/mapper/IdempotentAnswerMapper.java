package dev.signet.adapters.persistence.db.mapper;

import java.time.Instant;
import org.apache.ibatis.annotations.Param;

/** SQL for {@code idempotent_answers}; statements in IdempotentAnswerMapper.xml. */
public interface IdempotentAnswerMapper {
    IdempotentAnswerRow find(@Param("kind") String kind, @Param("id") String id, @Param("key") String key);

    void insert(IdempotentAnswerRow row);

    int complete(@Param("kind") String kind, @Param("id") String id, @Param("key") String key,
            @Param("answer") byte[] answer);

    int delete(@Param("kind") String kind, @Param("id") String id, @Param("key") String key);

    int deleteCreatedBefore(@Param("cutoff") Instant cutoff);
}
