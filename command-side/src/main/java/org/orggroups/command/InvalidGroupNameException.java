package org.orggroups.command;

/**
 * A group's new name is blank or longer than 150 code points (API.md section 3). HTTP: 400 under the key
 * {@code name}, see {@link InvalidNameException}.
 */
public class InvalidGroupNameException extends InvalidNameException {

    /** @param name the refused name, possibly {@code null} */
    public InvalidGroupNameException(String name) {
        super("Organization group", name);
    }
}
