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
     * The owner of a live token: the token exists, was created after {@code notBefore}, and its user is
     * active. One primary-key lookup joined to the user's primary key, since it runs on every request.
     */
    @Query("""
            select new org.orggroups.app.auth.TokenOwner(u.id, u.username, u.fullName, u.staff, t.created)
            from AuthToken t join t.user u
            where t.tokenHash = :hash and t.created > :notBefore and u.active = true""")
    Optional<TokenOwner> findLiveOwner(@Param("hash") String hash, @Param("notBefore") Instant notBefore);

    /** Removes a user's tokens created at or before {@code notBefore}; they can no longer be used. */
    @Modifying
    @Query("delete from AuthToken t where t.user.id = :userId and t.created <= :notBefore")
    int deleteExpired(@Param("userId") UUID userId, @Param("notBefore") Instant notBefore);
}
