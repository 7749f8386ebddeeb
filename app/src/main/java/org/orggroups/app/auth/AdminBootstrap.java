package org.orggroups.app.auth;

import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Makes sure a fresh install has a staff user to log in with (API.md section 2, DESIGN.md section 6): at
 * start-up, when no user named {@code orggroups.admin.username} exists, it is created as staff with
 * {@code orggroups.admin.password}, or with a random password written once to the log at WARN when none is
 * configured. An existing user of that name is left exactly as it is, password included. When several nodes
 * start at once, one creates the user and the others find it taken and carry on.
 */
@Component
// Once every bean is ready and before the web server starts, so that a client that sees the service answer can
// log in at once, and before the operator commands, which attribute events to this user.
class AdminBootstrap implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String RULE = "*".repeat(72);

    private final AdminProperties properties;
    private final UserAccounts accounts;

    AdminBootstrap(AdminProperties properties, UserAccounts accounts) {
        this.properties = properties;
        this.accounts = accounts;
    }

    /**
     * @throws IllegalStateException when the configured username or password breaks {@link UserRules}, so that a
     *                               mistyped setting stops the start-up instead of leaving no way in
     */
    @Override
    public void afterSingletonsInstantiated() {
        ensureAdmin();
    }

    /** @return whether this call created the user */
    boolean ensureAdmin() {
        String username = properties.username() == null ? "" : properties.username().strip();
        if (username.isEmpty() || UserRules.usernameProblem(username).isPresent()) {
            throw new IllegalStateException("orggroups.admin.username is not a valid username: '" + username + "'");
        }
        if (accounts.exists(username)) {
            LOG.info("Staff user '{}' exists; left unchanged", username);
            return false;
        }
        String configured = properties.password();
        boolean generated = configured == null || configured.isBlank();
        String password = generated ? randomPassword() : configured;
        if (!generated && UserRules.passwordProblem(password).isPresent()) {
            throw new IllegalStateException("orggroups.admin.password is refused: "
                    + UserRules.passwordProblem(password).get());
        }
        try {
            accounts.create(username, password, "", true);
        } catch (UsernameTakenException e) {
            LOG.info("Staff user '{}' was created by another node meanwhile; left unchanged", username);
            return false;
        }
        if (generated) {
            LOG.warn("""

                    {}
                    A staff user '{}' has been created. Initial admin password: {}

                    It is shown only this once. Get a token with POST /api-auth/password/ and keep the
                    password safe, or set ORGGROUPS_ADMIN_PASSWORD before the first start next time.
                    {}""", RULE, username, password, RULE);
        } else {
            LOG.info("Staff user '{}' created with the configured password", username);
        }
        return true;
    }

    /** @return 24 URL-safe characters, 144 random bits */
    private static String randomPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
