package org.orggroups.app.auth;

/** Thrown when a user is to be created under a username that another user already has. */
class UsernameTakenException extends RuntimeException {

    UsernameTakenException(String username, Throwable cause) {
        super("A user named " + username + " already exists", cause);
    }
}
