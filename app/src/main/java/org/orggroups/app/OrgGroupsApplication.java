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
        System.exit(runCommand(args));
    }

    /**
     * Runs an operator command without the web server.
     *
     * @param args the command and its options, as on the command line
     * @return the command's exit status: 0 on success, 1 on failure, 2 for a usage error
     */
    static int runCommand(String... args) {
        SpringApplication application = new SpringApplication(OrgGroupsApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        return SpringApplication.exit(application.run(args));
    }
}
