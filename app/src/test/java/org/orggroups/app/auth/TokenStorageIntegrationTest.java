package org.orggroups.app.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class TokenStorageIntegrationTest extends AuthIntegrationTest {

    @Test
    void onlyTheSha256OfATokenIsStored() {
        String username = uniqueUsername("stored");
        createUser(username, PASSWORD, false);
        String token = login(username, PASSWORD);

        List<String> stored = jdbc.queryForList(
                "select t.token_hash from auth_token t join app_user u on u.id = t.user_id where u.username = ?",
                String.class, username);

        assertThat(stored).containsExactly(Tokens.hash(token));
        assertThat(jdbc.queryForObject("select count(*) from auth_token where token_hash = ?", Integer.class, token))
                .isZero();
    }

    @Test
    void passwordsAreStoredAsBcryptHashes() {
        String username = uniqueUsername("hashed");
        createUser(username, PASSWORD, false);

        String hash = jdbc.queryForObject("select password_hash from app_user where username = ?", String.class,
                username);

        assertThat(hash).startsWith("$2a$10$").doesNotContain(PASSWORD);
    }
}
