package org.orggroups.app.auth;

import java.util.UUID;

/** What the token lookup reads of a token's user, in the one query made per authenticated request. */
record TokenOwner(UUID id, String username, String fullName, boolean staff) {

    AuthenticatedUser toPrincipal() {
        return new AuthenticatedUser(id, username, fullName, staff);
    }
}
