package org.orggroups.command;

/**
 * An offering's name is blank or longer than 150 code points (API.md 12.2). HTTP: 400 under the key
 * {@code name}, see {@link InvalidNameException}.
 */
public class InvalidOfferingNameException extends InvalidNameException {

    /** @param name the refused name, possibly {@code null} */
    public InvalidOfferingNameException(String name) {
        super("Offering", name);
    }
}
