package org.orggroups.app.config;

import java.sql.DatabaseMetaData;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Which database the service runs on, for the few statements whose SQL differs between PostgreSQL (production) and
 * H2 (the embedded default), asked once of the connection's metadata.
 */
public final class Databases {

    private Databases() {
    }

    /**
     * @param dataSource the service's database
     * @return whether it is PostgreSQL (otherwise H2)
     * @throws IllegalStateException when the database cannot be reached to ask
     */
    public static boolean isPostgres(DataSource dataSource) {
        try {
            return "PostgreSQL".equals(JdbcUtils.extractDatabaseMetaData(dataSource,
                    DatabaseMetaData::getDatabaseProductName));
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("Cannot reach the database to check its kind", e);
        }
    }
}
