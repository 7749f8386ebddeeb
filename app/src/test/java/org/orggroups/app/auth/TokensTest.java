package org.orggroups.app.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokensTest {

    @Test
    void aNewTokenIs40LowercaseHexDigitsLikeDrfs() {
        assertThat(Tokens.generate()).matches("[0-9a-f]{40}");
    }

    @Test
    void everyNewTokenIsDifferent() {
        assertThat(Tokens.generate()).isNotEqualTo(Tokens.generate());
    }

    @Test
    void theStoredFormIsTheHexSha256OfTheToken() {
        assertThat(Tokens.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void onlyTokensOfOurShapeAreLookedUp() {
        assertThat(Tokens.isWellFormed(Tokens.generate())).isTrue();
        assertThat(Tokens.isWellFormed("ABCDEF0123456789ABCDEF0123456789ABCDEF01")).isFalse();
        assertThat(Tokens.isWellFormed("abc")).isFalse();
        assertThat(Tokens.isWellFormed("' or 1=1 --")).isFalse();
    }
}
