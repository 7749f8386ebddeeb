package org.orggroups.app.auth;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answer of a successful login (API.md section 2), named as in Waldur's schema.
 *
 * @param token 40 lowercase hex digits, to be sent as {@code Authorization: Token <token>}
 */
@Schema(name = "CoreAuthToken")
public record IssuedToken(@Schema(pattern = "^[0-9a-f]{40}$") String token) {

    /** @return the record without the token, so that it cannot reach a log line */
    @Override
    public String toString() {
        return "IssuedToken[...]";
    }
}
