package org.orggroups.app.auth;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.orggroups.api.query.Page;
import org.orggroups.app.web.binding.PageParameters;
import org.orggroups.app.web.binding.PagingParameters;
import org.orggroups.app.web.binding.PathUuid;
import org.orggroups.app.web.binding.UuidPathParameter;
import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.schema.ApiResponsesFor;
import org.orggroups.app.web.schema.ErrorBody;
import org.orggroups.app.web.schema.Refusal;
import org.orggroups.app.web.schema.ResponseHeader;
import org.orggroups.app.web.support.Hyperlinks;
import org.orggroups.app.web.support.Paging;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/users/}: staff create and read API users (API.md section 2). Only staff get here; see
 * {@link AccessRules}. Users are not deleted or changed through the API.
 */
@RestController
@Tag(name = "users")
public class UserController {

    private static final String LIST = "/api/users";
    private static final String DETAIL = LIST + "/{uuid}";

    private final UserAccounts accounts;

    UserController(UserAccounts accounts) {
        this.accounts = accounts;
    }

    /**
     * Creates a user.
     *
     * @param form read and checked by {@link NewUserForm#from}
     * @return 201 {@code {"uuid", "url", "username", "full_name", "is_staff"}} with {@code Location: <url>}
     * @throws ApiException 400 {@code {"username":["A user with that username already exists."]}}
     */
    @PostMapping({LIST, LIST + "/"})
    @Operation(operationId = "users_create", summary = "Create a user")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = NewUserForm.class)))
    @ApiResponsesFor(status = 201, description = "The new user", headers = ResponseHeader.LOCATION,
            errors = {401, 403, 413}, refusals = @Refusal(status = 400,
                    description = "Field errors, every field at once (username missing, blank, over 150 characters "
                            + "or taken; password missing or shorter than 8; full_name over 150; is_staff not a "
                            + "boolean); malformed JSON ({\"detail\": \"JSON parse error - ...\"})"))
    public ResponseEntity<UserResponse> create(@Parameter(hidden = true) NewUserForm form) {
        AppUser user;
        try {
            user = accounts.create(form.username(), form.password(), form.fullName(), form.staff());
        } catch (UsernameTakenException e) {
            throw ApiException.field("username", UserRules.USERNAME_TAKEN);
        }
        UserResponse created = UserResponse.of(user, Hyperlinks.base());
        return ResponseEntity.created(URI.create(created.url())).body(created);
    }

    /**
     * @return 200, the users ordered by username, paged like every list ({@code X-Result-Count}, {@code Link})
     * @throws ApiException 404 {@code {"detail":"Invalid page."}} for a malformed page or one past the end
     */
    @GetMapping({LIST, LIST + "/"})
    @Operation(operationId = "users_list", summary = "The users, by username")
    @PagingParameters
    @ApiResponsesFor(description = "A page of users, ordered by username",
            headers = {ResponseHeader.RESULT_COUNT, ResponseHeader.LINK}, errors = {401, 403, 404})
    public ResponseEntity<List<UserResponse>> list(@Parameter(hidden = true) PageParameters parameters) {
        String base = Hyperlinks.base();
        Page<AppUser> page = parameters.page().slice(accounts.list());
        return Paging.respond(page, parameters.page().size(),
                page.items().stream().map(user -> UserResponse.of(user, base)).toList());
    }

    /**
     * @param uuid the user's uuid, dashed or not, any letter case
     * @return 200, the user
     * @throws ApiException 404 {@code {"detail":"Not found."}} for an unknown or malformed uuid
     */
    @GetMapping({DETAIL, DETAIL + "/"})
    @Operation(operationId = "users_retrieve", summary = "One user")
    @UuidPathParameter
    @ApiResponsesFor(description = "The user", errors = {401, 403},
            refusals = @Refusal(status = 404, description = "Unknown or malformed uuid ({\"detail\": \"Not found.\"})"))
    public UserResponse get(@Parameter(hidden = true) PathUuid uuid) {
        return accounts.find(uuid.value())
                .map(user -> UserResponse.of(user, Hyperlinks.base()))
                .orElseThrow(ApiException::notFound);
    }
}
