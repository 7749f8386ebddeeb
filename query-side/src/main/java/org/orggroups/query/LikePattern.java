package org.orggroups.query;

/**
 * Builds {@code LIKE} patterns in which the user's text matches literally. Used with
 * {@code lower(column) like lower(?) escape '\'}, which behaves the same on PostgreSQL and H2.
 * Source of the rule: API.md section 3, "{@code %} and {@code _} match literally".
 */
public final class LikePattern {

    private LikePattern() {
    }

    /**
     * @param column a column of a text type, trusted SQL
     * @return the condition that {@code column} contains the one bound {@link #containing} pattern, ignoring case
     */
    public static String icontains(String column) {
        return "lower(" + column + ") like lower(?) escape '\\'";
    }

    /**
     * @param text any text, not {@code null}
     * @return a pattern matching every value that contains {@code text}, with {@code %}, {@code _} and the
     *         escape character itself taken literally
     */
    public static String containing(String text) {
        StringBuilder pattern = new StringBuilder(text.length() + 8).append('%');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '%' || c == '_') {
                pattern.append('\\');
            }
            pattern.append(c);
        }
        return pattern.append('%').toString();
    }

    /**
     * @param text a filter value, or {@code null}
     * @return whether it filters at all: Waldur's filters ignore an empty value (API.md: "empty = no filter")
     */
    public static boolean isSet(String text) {
        return text != null && !text.isEmpty();
    }
}
