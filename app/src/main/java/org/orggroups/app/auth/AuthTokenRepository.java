package org.orggroups.app.auth;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Token hashes and the users they belong to. */
interface AuthTokenRepository extends JpaRepository<AuthToken, String> {

    /**
     * The owner of a live token: the token exists, expires after {@code now}, and its user is active. One
     * primary-key lookup joined to the user's primary key, since it runs on every request.
     */
    @Query("""
            select new org.orggroups.app.auth.TokenOwner(u.id, u.username, u.fullName, u.staff, t.expiresAt)
            from AuthToken t join t.user u
            where t.tokenHash = :hash and t.expiresAt > :now and u.active = true""")
    Optional<TokenOwner> findLiveOwner(@Param("hash") String hash, @Param("now") Instant now);

    /**
     * Removes a user's tokens that expire at or before {@code now}; they can no longer be used. Tokens still valid
     * are kept whichever node issued them and with whatever lifetime.
     *
     * @return how many were removed
     */
    @Modifying
    @Query("delete from AuthToken t where t.user.id = :userId and t.expiresAt <= :now")
    int deleteExpired(@Param("userId") UUID userId, @Param("now") Instant now);
}
