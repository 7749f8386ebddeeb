package org.orggroups.app.auth;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/**
 * An API token, a row of {@code auth_token}. Only the hex SHA-256 of the token is kept (API.md section 2:
 * tokens are never stored in plain text), so a stolen database dump cannot be replayed against the API.
 */
@Entity
@Table(name = "auth_token")
class AuthToken implements Persistable<String> {

    @Id
    @Column(name = "token_hash", length = 64)
    private String tokenHash;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false)
    private AppUser user;

    @Column(nullable = false)
    private Instant created;

    /** Decided once, by the node that issued the token, so that every node refuses it from the same moment. */
    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Transient
    private boolean isNew;

    protected AuthToken() {
        // for JPA
    }

    AuthToken(String tokenHash, AppUser user, Instant created, Instant expiresAt) {
        this.tokenHash = tokenHash;
        this.user = user;
        this.created = created;
        this.expiresAt = expiresAt;
        this.isNew = true;
    }

    @Override
    public String getId() {
        return tokenHash;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }
}
