package org.orggroups.app.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Migration 12.1 ({@link TokenExpiryMigration}) on tokens issued before it: on PostgreSQL when
 * {@code SPRING_DATASOURCE_URL} names one (in a schema of its own, dropped afterwards), else on a new in-memory H2
 * database.
 */
class TokenExpiryMigrationTest {

    private static final String SCHEMA = "token_expiry_migration_test";
    private static final OffsetDateTime ISSUED = OffsetDateTime.of(2026, 11, 29, 8, 0, 0, 123_456_000, ZoneOffset.UTC);

    private final String url = System.getenv().getOrDefault("SPRING_DATASOURCE_URL",
            "jdbc:h2:mem:token-expiry-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    private final boolean postgres = url.startsWith("jdbc:postgresql:");
    private final DriverManagerDataSource dataSource = new DriverManagerDataSource(url,
            System.getenv().getOrDefault("SPRING_DATASOURCE_USERNAME", "sa"),
            System.getenv().getOrDefault("SPRING_DATASOURCE_PASSWORD", ""));
    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    /** On PostgreSQL the migrated tables are in a schema of their own; the H2 database is new and holds only them. */
    private final String prefix = postgres ? SCHEMA + "." : "";

    @AfterEach
    void dropTheSchema() {
        jdbc.execute(postgres ? "drop schema if exists " + SCHEMA + " cascade" : "drop all objects");
    }

    @Test
    void tokensIssuedBeforeExpireTheTokenLifetimeOfTheMigratingNodeAfterTheirIssue() {
        flyway().target("12").load().migrate();
        UUID user = UUID.randomUUID();
        jdbc.update("insert into " + prefix + "app_user (id, username, password_hash, date_joined) values (?, ?, ?, ?)",
                user, "old-timer", "$2a$10$x", ISSUED);
        jdbc.update("insert into " + prefix + "auth_token (token_hash, user_id, created) values (?, ?, ?)",
                "a".repeat(64), user, ISSUED);

        flyway().javaMigrations(new TokenExpiryMigration(
                new AuthProperties(Duration.ofHours(6), 5, Duration.ofMinutes(5), Duration.ofSeconds(5)))).load().migrate();

        assertThat(jdbc.queryForObject("select expires_at from " + prefix + "auth_token", OffsetDateTime.class)
                .toInstant()).isEqualTo(ISSUED.plusHours(6).toInstant());
        assertThat(jdbc.queryForObject("select is_nullable from information_schema.columns where lower(table_schema) = ?"
                + " and lower(table_name) = 'auth_token' and lower(column_name) = 'expires_at'", String.class,
                postgres ? SCHEMA : "public")).isEqualTo("NO");
    }

    private FluentConfiguration flyway() {
        FluentConfiguration flyway = Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration/" + (postgres ? "postgresql" : "h2"));
        return postgres ? flyway.schemas(SCHEMA).createSchemas(true) : flyway;
    }
}
