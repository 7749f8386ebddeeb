package org.orggroups.app;

import org.orggroups.app.operations.OperatorCommands;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The organization groups service: HTTP edge, command side and query side in one runnable jar.
 * Scans all of {@code org.orggroups} so that the command-side and query-side components are picked up.
 */
@SpringBootApplication(scanBasePackages = "org.orggroups")
public class OrgGroupsApplication {

    /**
     * Starts the service, or, when the first argument names an operator command ({@code rebuild},
     * {@code generate}: see {@link OperatorCommands}), runs that command without the web server and exits with
     * its status.
     */
    public static void main(String[] args) {
        if (!OperatorCommands.isCommand(args)) {
            SpringApplication.run(OrgGroupsApplication.class, args);
            return;
        }
        SpringApplication application = new SpringApplication(OrgGroupsApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        System.exit(SpringApplication.exit(application.run(args)));
    }
}
