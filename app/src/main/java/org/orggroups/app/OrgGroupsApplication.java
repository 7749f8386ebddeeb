package org.orggroups.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The organization groups service: HTTP edge, command side and query side in one runnable jar.
 * Scans all of {@code org.orggroups} so that the command-side and query-side components are picked up.
 */
@SpringBootApplication(scanBasePackages = "org.orggroups")
public class OrgGroupsApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrgGroupsApplication.class, args);
    }
}
