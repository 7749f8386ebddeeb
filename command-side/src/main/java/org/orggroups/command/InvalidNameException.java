package org.orggroups.command;

import org.orggroups.api.group.GroupRules;

/**
 * A group or customer name broke the rule of {@link GroupRules#isValidName(String)}: not blank, at most
 * {@value GroupRules#MAX_NAME_LENGTH} code points after trimming (API.md sections 3 and 4).
 * The HTTP edge validates names before it sends a command, so reaching this is a backstop; it becomes
 * 400 {@code {"name": [...]}} with "This field may not be blank." when {@link #blank()}, else
 * "Ensure this field has no more than 150 characters.".
 */
public abstract class InvalidNameException extends RuntimeException {

    private final boolean blank;

    /**
     * @param subject what was named, for the message ("Organization group", "Customer")
     * @param name    the refused name, possibly {@code null}
     */
    protected InvalidNameException(String subject, String name) {
        super(message(subject, name));
        this.blank = name == null || name.isBlank();
    }

    /** @return whether the name was missing or blank; otherwise it was too long */
    public boolean blank() {
        return blank;
    }

    private static String message(String subject, String name) {
        if (name == null || name.isBlank()) {
            return subject + " name may not be blank.";
        }
        return subject + " name may have at most " + GroupRules.MAX_NAME_LENGTH + " characters, it has "
                + name.codePointCount(0, name.length()) + ".";
    }
}
