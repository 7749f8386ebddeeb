package org.orggroups.app.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first staff user, created at start-up when no user of that name exists (API.md section 2), under
 * {@code orggroups.admin}. Spring's relaxed binding also reads them from the environment variables
 * {@code ORGGROUPS_ADMIN_USERNAME} and {@code ORGGROUPS_ADMIN_PASSWORD}.
 *
 * @param username the staff user's name; default {@code admin}
 * @param password its password (at least 8 characters, at most 72 UTF-8 bytes); when absent or blank a random
 *                 one is generated and written once to the log at WARN
 */
@ConfigurationProperties("orggroups.admin")
public record AdminProperties(@DefaultValue("admin") String username, String password) {
}
