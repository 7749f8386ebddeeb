package org.orggroups.app.auth;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

import org.orggroups.app.web.error.ErrorBodies;

/**
 * What a username and a password must be, with Django's messages, for both the users endpoint and the start-up
 * staff user. Lengths are counted in code points (API.md section 1).
 */
final class UserRules {

    static final int MAX_USERNAME = 150;
    static final int MAX_FULL_NAME = 150;
    static final int MIN_PASSWORD = 8;
    /** bcrypt reads only the first 72 bytes of a password, and Spring Security refuses to hash longer ones. */
    static final int MAX_PASSWORD_BYTES = 72;

    static final String USERNAME_TAKEN = "A user with that username already exists.";
    static final String INVALID_USERNAME =
            "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.";

    /** Django's {@code UnicodeUsernameValidator}. */
    private static final Pattern USERNAME = Pattern.compile("[\\w.@+-]+", Pattern.UNICODE_CHARACTER_CLASS);

    private UserRules() {
    }

    /** @return why a (trimmed, non-blank) username is refused, or empty when it is fine */
    static Optional<String> usernameProblem(String username) {
        if (username.codePointCount(0, username.length()) > MAX_USERNAME) {
            return Optional.of(ErrorBodies.TOO_LONG);
        }
        if (!USERNAME.matcher(username).matches()) {
            return Optional.of(INVALID_USERNAME);
        }
        return Optional.empty();
    }

    /** @return why a (non-blank) password is refused, or empty when it is fine */
    static Optional<String> passwordProblem(String password) {
        if (password.codePointCount(0, password.length()) < MIN_PASSWORD) {
            return Optional.of("This password is too short. It must contain at least " + MIN_PASSWORD + " characters.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return Optional.of("This password is too long. It must contain at most " + MAX_PASSWORD_BYTES
                    + " bytes in UTF-8.");
        }
        return Optional.empty();
    }
}
