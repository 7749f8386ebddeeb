package org.orggroups.app.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.swagger.v3.oas.annotations.media.Schema;

import org.orggroups.app.web.support.Hyperlinks;
import org.orggroups.app.web.support.Uuids;

/**
 * A user as {@code /api/users/} renders it, fields in this order.
 *
 * @param uuid     32 lowercase hex digits
 * @param url      absolute {@code <base>/api/users/<uuid>/}
 * @param username the login name
 * @param fullName the display name, possibly empty
 * @param staff    Waldur's {@code is_staff}
 */
@Schema(name = "User")
@JsonPropertyOrder({"uuid", "url", "username", "full_name", "is_staff"})
record UserResponse(
        String uuid,
        String url,
        String username,
        @JsonProperty("full_name") String fullName,
        @JsonProperty("is_staff") boolean staff) {

    /** @param base scheme, host and port of the request, as {@link Hyperlinks#base()} gives them */
    static UserResponse of(AppUser user, String base) {
        String hex = Uuids.hex(user.id());
        return new UserResponse(hex, base + Hyperlinks.USERS + hex + "/", user.username(), user.fullName(),
                user.staff());
    }
}
