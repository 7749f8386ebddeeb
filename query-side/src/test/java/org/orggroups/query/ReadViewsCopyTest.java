package org.orggroups.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The tests build their tables from a copy of the app's migration (query-side cannot depend on app). When
 * the whole source tree is at hand, the copy must not have drifted from either vendor's migration.
 */
class ReadViewsCopyTest {

    private static final Path MIGRATIONS = Path.of("..", "app", "src", "main", "resources", "db", "migration");

    @Test
    void tablesOfTheTestsAreThoseOfTheMigrations() throws IOException {
        assumeTrue(Files.isDirectory(MIGRATIONS), "the app module's sources are not next to this module");
        String copy;
        try (InputStream in = getClass().getResourceAsStream("/read_views.sql")) {
            copy = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String vendor : new String[] {"postgresql", "h2"}) {
            String migration = Files.readString(MIGRATIONS.resolve(vendor).resolve("V3__read_views.sql"));
            assertThat(copy).as(vendor).endsWith(migration);
        }
        String timelineCopy;
        try (InputStream in = getClass().getResourceAsStream("/timeline.sql")) {
            timelineCopy = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String vendor : new String[] {"postgresql", "h2"}) {
            String migration = Files.readString(MIGRATIONS.resolve(vendor).resolve("V5__timeline.sql"));
            assertThat(timelineCopy).as(vendor).endsWith(migration);
        }
        String auditAndReportsCopy;
        try (InputStream in = getClass().getResourceAsStream("/audit_and_reports.sql")) {
            auditAndReportsCopy = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String reportIndexes = Files.readString(MIGRATIONS.resolve("h2").resolve("V15__report_counts_heap_only.sql"));
        for (String vendor : new String[] {"postgresql", "h2"}) {
            String migration = Files.readString(MIGRATIONS.resolve(vendor).resolve("V6__audit_and_reports.sql"));
            assertThat(auditAndReportsCopy).as(vendor).endsWith(migration + reportIndexes);
        }
        // The same indexes go on both (PostgreSQL also leaves room on the pages for heap-only updates).
        assertThat(Files.readString(MIGRATIONS.resolve("postgresql").resolve("V15__report_counts_heap_only.sql"))
                .lines().filter(l -> l.startsWith("drop index")).toList())
                .isEqualTo(reportIndexes.lines().filter(l -> l.startsWith("drop index")).toList());
        String offeringsCopy;
        try (InputStream in = getClass().getResourceAsStream("/offerings.sql")) {
            offeringsCopy = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String offerings = Files.readString(MIGRATIONS.resolve("postgresql").resolve("V11__offerings_and_plans.sql"));
        assertThat(offeringsCopy).endsWith(offerings);
        // H2's names are wider (it counts UTF-16 units); every other line is the same.
        String h2Offerings = Files.readString(MIGRATIONS.resolve("h2").resolve("V11__offerings_and_plans.sql"));
        assertThat(h2Offerings.lines().filter(l -> !l.startsWith("-- Names are varchar(300)"))
                .map(l -> l.replace("varchar(300)", "varchar(150)")).toList())
                .isEqualTo(offerings.lines().toList());
    }
}
