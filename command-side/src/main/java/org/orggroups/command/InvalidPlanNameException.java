package org.orggroups.command;

/**
 * A plan's name is blank or longer than 150 code points (API.md 12.2). HTTP: 400 under the key
 * {@code name}, see {@link InvalidNameException}.
 */
public class InvalidPlanNameException extends InvalidNameException {

    /** @param name the refused name, possibly {@code null} */
    public InvalidPlanNameException(String name) {
        super("Plan", name);
    }
}
