package org.orggroups.app.auth;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Creates and finds users; hashes their passwords with the configured {@link PasswordEncoder} (bcrypt). */
@Service
class UserAccounts {

    private final AppUserRepository users;
    private final JdbcTemplate jdbc;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock = Clock.systemUTC();

    UserAccounts(AppUserRepository users, JdbcTemplate jdbc, PasswordEncoder passwordEncoder) {
        this.users = users;
        this.jdbc = jdbc;
        this.passwordEncoder = passwordEncoder;
    }

    /**
     * Creates an active user. The caller has checked the fields against {@link UserRules}.
     *
     * <p>A plain JDBC insert rather than a JPA one: when two requests or two starting nodes race for one
     * username, the database's unique constraint decides, and the loser gets {@link UsernameTakenException}
     * without Hibernate logging the refused insert as an error.
     *
     * @return the new user
     * @throws UsernameTakenException when the username is taken, also when someone else took it a moment ago
     */
    AppUser create(String username, String password, String fullName, boolean staff) {
        if (users.existsByUsername(username)) {
            throw new UsernameTakenException(username, null);
        }
        UUID id = UUID.randomUUID();
        try {
            jdbc.update("""
                    insert into app_user (id, username, password_hash, full_name, is_staff, is_active, date_joined)
                    values (?, ?, ?, ?, ?, true, ?)""",
                    id, username, passwordEncoder.encode(password), fullName, staff,
                    OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        } catch (DataIntegrityViolationException e) {
            if (users.existsByUsername(username)) {
                throw new UsernameTakenException(username, e);
            }
            throw e;
        }
        return users.findById(id).orElseThrow();
    }

    boolean exists(String username) {
        return users.existsByUsername(username);
    }

    /** @return every user, ordered by username (the database's collation) */
    List<AppUser> list() {
        return users.findAllByOrderByUsernameAsc();
    }

    Optional<AppUser> find(UUID id) {
        return users.findById(id);
    }
}
