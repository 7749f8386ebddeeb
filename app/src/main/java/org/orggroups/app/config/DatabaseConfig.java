package org.orggroups.app.config;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.orm.jpa.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the Hibernate dialect from the database actually connected, so that one jar serves both the
 * embedded H2 default and PostgreSQL without a profile: on PostgreSQL, {@link ByteaPostgreSQLDialect}. On H2, turns
 * off the reuse of a statement's last results ({@link #h2WithoutResultReuse}).
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfig {

    /** H2's command that stops it from answering a subquery with its result of the statement's previous run. */
    static final String NO_RESULT_REUSE = "SET OPTIMIZE_REUSE_RESULTS 0";

    /**
     * H2 2.3 reuses a subquery's result from the previous run of the same prepared statement when the subquery's
     * own parameters are unchanged, even when it reads a common table expression whose parameters changed: the
     * offering reads' {@code = any (array (select ... from r))} then answered the groups of the previously read
     * offerings, so an offering showed none of its own. Every connection to an H2 database runs
     * {@link #NO_RESULT_REUSE} when it opens, whatever URL points at it; PostgreSQL is left alone.
     */
    @Bean
    static BeanPostProcessor h2WithoutResultReuse() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null
                        && hikari.getJdbcUrl().startsWith("jdbc:h2:") && hikari.getConnectionInitSql() == null) {
                    hikari.setConnectionInitSql(NO_RESULT_REUSE);
                }
                return bean;
            }
        };
    }

    @Bean
    HibernatePropertiesCustomizer byteaDialectOnPostgres(DataSource dataSource) {
        return properties -> {
            if (Databases.isPostgres(dataSource)) {
                properties.put("hibernate.dialect", ByteaPostgreSQLDialect.class.getName());
            }
        };
    }

}
