package org.orggroups.app.auth;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A person or script that may call the API, a row of {@code app_user}. Users are not event-sourced: like the
 * token store they are configuration of the edge, not part of the organization group history. Rows are
 * inserted by {@link UserAccounts}; this entity reads them.
 */
@Entity
@Table(name = "app_user")
class AppUser {

    @Id
    private UUID id;

    @Column(nullable = false, unique = true, length = 150)
    private String username;

    /** A bcrypt hash, never the password itself. */
    @Column(name = "password_hash", nullable = false, length = 100)
    private String passwordHash;

    @Column(name = "full_name", nullable = false, length = 150)
    private String fullName;

    @Column(name = "is_staff", nullable = false)
    private boolean staff;

    @Column(name = "is_active", nullable = false)
    private boolean active;

    @Column(name = "date_joined", nullable = false)
    private Instant dateJoined;

    protected AppUser() {
        // for JPA
    }

    UUID id() {
        return id;
    }

    String username() {
        return username;
    }

    String passwordHash() {
        return passwordHash;
    }

    String fullName() {
        return fullName;
    }

    boolean staff() {
        return staff;
    }

    boolean active() {
        return active;
    }

    /** @return the principal this user becomes once authenticated */
    AuthenticatedUser toPrincipal() {
        return new AuthenticatedUser(id, username, fullName, staff);
    }
}
