package org.orggroups.app.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The shape of API tokens: like Django REST framework's, 20 random bytes written as 40 lowercase hex digits.
 * At rest a token is its SHA-256 (64 lowercase hex digits); a fast hash is enough because the token itself has
 * 160 random bits, unlike a password.
 */
final class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern WELL_FORMED = Pattern.compile("[0-9a-f]{40}");

    private Tokens() {
    }

    /** @return a fresh token, 40 lowercase hex digits */
    static String generate() {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        return HEX.formatHex(bytes);
    }

    /** @return the hex SHA-256 of the token's ASCII text: what {@code auth_token.token_hash} holds */
    static String hash(String token) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HEX.formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** @return whether the text could be a token we issued; anything else is refused without a database query */
    static boolean isWellFormed(String token) {
        return WELL_FORMED.matcher(token).matches();
    }
}
