package dev.signet.adapters.persistence.db;

import static dev.signet.adapters.persistence.db.Samples.organization;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.signet.domain.organization.Organization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @OnEveryDatabase
    void a_database_over_an_integrators_data_source_works_and_closing_it_leaves_the_data_source_open(
            TestDatabase db) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url());
        config.setUsername(db.user());
        config.setPassword(db.password());
        Organization acme = organization("acme");

        try (HikariDataSource integrators = new HikariDataSource(config)) {
            try (Database database = Database.open(integrators, TestDatabase.fastOptions())) {
                database.organizations().add(acme);
            }

            assertThat(integrators.isClosed()).isFalse();
            try (Connection stillUsable = integrators.getConnection()) {
                assertThat(stillUsable.isValid(5)).isTrue();
            }
        }
        assertThat(db.open().organizations().findById(acme.id())).contains(acme);
    }

    @Test
    void the_embedded_database_lives_in_the_signet_home(@TempDir Path home) {
        Organization acme = organization("acme");
        try (Database database = Database.openEmbedded(home)) {
            database.organizations().add(acme);
        }
        assertThat(home.resolve("signet.mv.db")).exists();

        try (Database reopened = Database.openEmbedded(home)) {
            assertThat(reopened.organizations().findById(acme.id())).contains(acme);
        }
    }

    @Test
    void the_h2_url_names_a_file_in_the_home_without_a_network_server(@TempDir Path home) {
        assertThat(Database.h2FileUrl(home))
                .isEqualTo("jdbc:h2:file:" + home.toAbsolutePath().resolve("signet") + ";AUTO_SERVER=FALSE;LOCK_TIMEOUT=10000");
    }

    @Test
    void a_home_whose_path_would_inject_h2_settings_is_refused(@TempDir Path parent) throws Exception {
        Path odd = Files.createDirectory(parent.resolve("a;MODE=MySQL"));
        assertThatThrownBy(() -> Database.h2FileUrl(odd))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("';'");
    }
}
