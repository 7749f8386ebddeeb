package org.orggroups.app.config;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.orm.jpa.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the Hibernate dialect from the database actually connected, so that one jar serves both the
 * embedded H2 default and PostgreSQL without a profile: on PostgreSQL, {@link ByteaPostgreSQLDialect}.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfig {

    @Bean
    HibernatePropertiesCustomizer byteaDialectOnPostgres(DataSource dataSource) {
        return properties -> {
            if (isPostgres(dataSource)) {
                properties.put("hibernate.dialect", ByteaPostgreSQLDialect.class.getName());
            }
        };
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database to choose a dialect", e);
        }
    }
}
