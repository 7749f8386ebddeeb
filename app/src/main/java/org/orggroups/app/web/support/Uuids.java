package org.orggroups.app.web.support;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * UUIDs on the wire (API.md section 1): rendered as 32 lowercase hex digits without dashes; accepted
 * dashed or undashed, in any letter case.
 */
public final class Uuids {

    private static final Pattern UNDASHED = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern DASHED =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Uuids() {
    }

    /** @return the UUID as 32 lowercase hex digits, e.g. {@code 6dfc0e3a9b7c4d2e8f1a2b3c4d5e6f70} */
    public static String hex(UUID uuid) {
        return uuid.toString().replace("-", "");
    }

    /**
     * @param text a dashed or undashed UUID, any case, or anything else
     * @return the UUID, or empty when the text is not one
     */
    public static Optional<UUID> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (UNDASHED.matcher(text).matches()) {
            return Optional.of(new UUID(Long.parseUnsignedLong(text.substring(0, 16), 16),
                    Long.parseUnsignedLong(text.substring(16), 16)));
        }
        if (DASHED.matcher(text).matches()) {
            return Optional.of(UUID.fromString(text));
        }
        return Optional.empty();
    }
}
