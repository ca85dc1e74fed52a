package dev.signet.adapters.persistence.db;

import static dev.signet.adapters.persistence.db.Samples.organization;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.application.port.out.OrganizationRepository;
import dev.signet.domain.Conflict;
import dev.signet.domain.organization.Organization;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.organization.OrganizationName;
import java.time.Instant;

class OrganizationRepositoryTest {

    @OnEveryDatabase
    void an_added_organization_is_found_by_id_and_by_name(TestDatabase db) {
        OrganizationRepository organizations = db.open().organizations();
        Organization acme = organization("acme");

        organizations.add(acme);

        assertThat(organizations.findById(acme.id())).contains(acme);
        assertThat(organizations.findByName(new OrganizationName("acme"))).contains(acme);
        assertThat(organizations.findById(OrganizationId.random())).isEmpty();
        assertThat(organizations.findByName(new OrganizationName("nobody"))).isEmpty();
    }

    @OnEveryDatabase
    void organizations_are_listed_by_name_the_same_on_every_database(TestDatabase db) {
        OrganizationRepository organizations = db.open().organizations();
        Organization zeta = organization("zeta");
        Organization alpha = organization("alpha");
        Organization upperBeta = organization("Beta");
        organizations.add(zeta);
        organizations.add(alpha);
        organizations.add(upperBeta);

        // Java's String order (upper case first), whatever collation the database has.
        assertThat(organizations.list()).containsExactly(upperBeta, alpha, zeta);
    }

    @OnEveryDatabase
    void a_taken_name_is_a_conflict(TestDatabase db) {
        OrganizationRepository organizations = db.open().organizations();
        organizations.add(organization("acme"));

        assertThatThrownBy(() -> organizations.add(organization("acme")))
                .isInstanceOf(Conflict.class)
                .hasMessage("an organization named 'acme' already exists");
        assertThat(organizations.list()).hasSize(1);
    }

    @OnEveryDatabase
    void names_differing_only_in_case_are_different_organizations(TestDatabase db) {
        OrganizationRepository organizations = db.open().organizations();
        organizations.add(organization("acme"));
        organizations.add(organization("ACME"));

        assertThat(organizations.list()).hasSize(2);
    }

    @OnEveryDatabase
    void stored_times_keep_microseconds_and_drop_nanoseconds(TestDatabase db) {
        OrganizationRepository organizations = db.open().organizations();
        Instant nanos = Instant.parse("2026-01-28T12:00:00.123456789Z");
        Organization org = new Organization(OrganizationId.random(), new OrganizationName("acme"), nanos);

        organizations.add(org);

        assertThat(organizations.findById(org.id()).orElseThrow().createdAt())
                .isEqualTo(Instant.parse("2026-01-28T12:00:00.123456Z"));
    }
}
