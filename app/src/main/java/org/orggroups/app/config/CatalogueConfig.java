package org.orggroups.app.config;

import java.util.Properties;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.orggroups.query.offering.CatalogueReads;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The connections of the offering lists ({@link CatalogueReads}). On PostgreSQL, a small pool of their own, to the
 * service's database with the main pool's settings, whose sessions plan with generic plans
 * ({@link #GENERIC_PLANS}) and prepare every statement on the server at its first run ({@link #PREPARE_THRESHOLD}).
 * The lists then need neither a transaction nor a {@code SET} per read, and the rest of the service keeps the
 * server's default plan choice. On H2, which has no such setting, the lists read through the main pool.
 *
 * <p>The pool is not a {@link DataSource} bean: Spring Boot would then no longer build the main one, and the health
 * check, Flyway, JPA and Axon would have two to choose from.
 */
@Configuration(proxyBeanMethods = false)
public class CatalogueConfig {

    /** Run once on each of the pool's connections: its session plans every prepared statement generically. */
    static final String GENERIC_PLANS = "set plan_cache_mode = force_generic_plan";
    /**
     * pgjdbc's runs of a statement before it prepares it on the server (its default: 5). A statement not yet
     * prepared is planned on every run, generic plans or not; the lists' statements are few and all repeat.
     */
    static final String PREPARE_THRESHOLD = "1";
    /** The name of the pool, in its log lines and in the {@code hikaricp_*} metrics. */
    static final String POOL_NAME = "catalogue";

    /**
     * @param dataSource the service's database (Spring Boot's Hikari pool)
     * @param poolSize   {@code orggroups.catalogue.pool-size}: connections of the lists' own pool, at least 1; the
     *                   pool keeps one open while idle and opens the others on demand
     * @param meters     where the pool's {@code hikaricp_*} metrics go (tagged {@code pool="catalogue"}), if anywhere
     * @return the lists' own pool on PostgreSQL, none elsewhere; closed with the context
     * @throws IllegalStateException    when the database cannot be reached to tell its kind
     * @throws IllegalArgumentException when {@code poolSize} is below 1
     */
    @Bean
    CataloguePool cataloguePool(DataSource dataSource, @Value("${orggroups.catalogue.pool-size:4}") int poolSize,
                                ObjectProvider<MeterRegistry> meters) {
        if (!(dataSource instanceof HikariDataSource main) || !Databases.isPostgres(dataSource)) {
            return new CataloguePool(null);
        }
        HikariConfig config = poolConfig(main, poolSize);
        MeterRegistry registry = meters.getIfAvailable();
        if (registry != null) {
            config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        }
        return new CataloguePool(new HikariDataSource(config));
    }

    /**
     * @param pool the lists' own pool, if any
     * @param jdbc the template on the service's database
     * @return the connections the offering lists read through
     */
    @Bean
    CatalogueReads catalogueReads(CataloguePool pool, JdbcTemplate jdbc) {
        return new CatalogueReads(pool.dataSource == null ? jdbc : new JdbcTemplate(pool.dataSource));
    }

    /** The lists' own pool, or none; a bean so that the context closes it. */
    static final class CataloguePool implements AutoCloseable {

        final HikariDataSource dataSource;

        CataloguePool(HikariDataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        public void close() {
            if (dataSource != null) {
                dataSource.close();
            }
        }
    }

    /**
     * @param main     the service's pool, whose settings the lists' pool takes
     * @param poolSize the lists' pool's size, at least 1
     * @return the configuration of the lists' pool; its metrics are the main pool's tracker, if it has one
     * @throws IllegalArgumentException when {@code poolSize} is below 1
     */
    static HikariConfig poolConfig(HikariDataSource main, int poolSize) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("orggroups.catalogue.pool-size must be at least 1, was " + poolSize);
        }
        HikariConfig config = new HikariConfig();
        // Everything the main pool is configured with (database, credentials, timeouts, lifetimes, ...), so that a
        // setting added to it later reaches this pool too; then what differs.
        main.copyStateTo(config);
        config.setPoolName(POOL_NAME);
        Properties properties = new Properties(); // copied, not shared: the main pool keeps its own threshold
        properties.putAll(main.getDataSourceProperties());
        properties.setProperty("prepareThreshold", PREPARE_THRESHOLD);
        config.setDataSourceProperties(properties);
        config.setConnectionInitSql(GENERIC_PLANS);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(1);
        return config;
    }
}
