package org.orggroups.api.group;

/**
 * Limits that both the HTTP edge and the aggregate apply to groups and customers.
 * Source: API.md section 3 ("1..150 code points after trimming"), Waldur's {@code max_length=150}.
 */
public final class GroupRules {

    /** Longest name of a group or a customer, in Unicode code points, after trimming. */
    public static final int MAX_NAME_LENGTH = 150;

    private GroupRules() {
    }

    /**
     * @param name a name, already trimmed, or {@code null}
     * @return whether the name is not blank and at most {@link #MAX_NAME_LENGTH} code points long
     */
    public static boolean isValidName(String name) {
        return name != null && !name.isBlank()
                && name.codePointCount(0, name.length()) <= MAX_NAME_LENGTH;
    }
}
