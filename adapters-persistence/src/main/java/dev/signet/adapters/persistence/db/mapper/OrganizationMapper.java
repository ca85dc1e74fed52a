package dev.signet.adapters.persistence.db.mapper;

import java.util.List;
import java.util.UUID;

/** SQL for {@code organizations}; statements in OrganizationMapper.xml. */
public interface OrganizationMapper {
    void insert(OrganizationRow row);

    OrganizationRow findById(UUID id);

    OrganizationRow findByName(String name);

    List<OrganizationRow> list();
}
