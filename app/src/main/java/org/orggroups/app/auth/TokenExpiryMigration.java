package org.orggroups.app.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Flyway migration 12.1: gives every token issued before migration 12 its expiry ({@code auth_token.expires_at}),
 * its issue time plus {@code orggroups.auth.token-lifetime} as set on the node that runs the migration (the rule
 * that decided those tokens' expiry until then), and then makes the column not null. In Java because the lifetime
 * is a setting, which a SQL migration cannot read; the same on H2 and PostgreSQL. Spring Boot hands every
 * {@link JavaMigration} bean to Flyway.
 */
@Component
class TokenExpiryMigration implements JavaMigration {

    private final AuthProperties properties;

    TokenExpiryMigration(AuthProperties properties) {
        this.properties = properties;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("12.1");
    }

    @Override
    public String getDescription() {
        return "token expiry from the token lifetime setting";
    }

    /** @return null: the migration's outcome depends on a setting, so there is no content to check */
    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    /**
     * @throws SQLException when the database refuses a statement; Flyway then fails the start-up
     */
    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        Map<String, OffsetDateTime> created = new LinkedHashMap<>();
        try (Statement select = connection.createStatement();
             ResultSet rows = select.executeQuery("select token_hash, created from auth_token where expires_at is null")) {
            while (rows.next()) {
                created.put(rows.getString(1), rows.getObject(2, OffsetDateTime.class));
            }
        }
        try (PreparedStatement update = connection.prepareStatement(
                "update auth_token set expires_at = ? where token_hash = ?")) {
            for (Map.Entry<String, OffsetDateTime> token : created.entrySet()) {
                update.setObject(1, token.getValue().plus(properties.tokenLifetime()));
                update.setString(2, token.getKey());
                update.addBatch();
            }
            update.executeBatch();
        }
        try (Statement alter = connection.createStatement()) {
            alter.execute("alter table auth_token alter column expires_at set not null");
        }
    }
}
