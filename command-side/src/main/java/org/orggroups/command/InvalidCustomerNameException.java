package org.orggroups.command;

/**
 * A customer's new name is blank or longer than 150 code points (API.md section 4). HTTP: 400 under the key
 * {@code name}, see {@link InvalidNameException}.
 */
public class InvalidCustomerNameException extends InvalidNameException {

    /** @param name the refused name, possibly {@code null} */
    public InvalidCustomerNameException(String name) {
        super("Customer", name);
    }
}
