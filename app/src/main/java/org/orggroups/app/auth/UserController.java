package org.orggroups.app.auth;

import java.net.URI;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.orggroups.api.query.Page;
import org.orggroups.api.query.PageRequest;
import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.support.Hyperlinks;
import org.orggroups.app.web.support.Paging;
import org.orggroups.app.web.support.RequestBodies;
import org.orggroups.app.web.support.Uuids;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/users/}: staff create and read API users (API.md section 2). Only staff get here; see
 * {@link AccessRules}. Users are not deleted or changed through the API.
 */
@RestController
public class UserController {

    private final UserAccounts accounts;

    UserController(UserAccounts accounts) {
        this.accounts = accounts;
    }

    /**
     * Creates a user from {@code {"username", "password", "full_name", "is_staff"}}.
     *
     * @return 201 {@code {"uuid", "url", "username", "full_name", "is_staff"}} with {@code Location: <url>}
     * @throws ApiException 400 with DRF field errors: missing, blank or invalid fields, a username over 150
     *                      characters or already taken ({@code ["A user with that username already exists."]}),
     *                      a password shorter than 8 characters; 400 {@code {"detail":"JSON parse error - ..."}}
     *                      for malformed JSON; 413 for a body over 1 MiB
     */
    @PostMapping(path = {"/api/users/", "/api/users"})
    public ResponseEntity<UserResponse> create(HttpServletRequest request) {
        NewUserForm form = NewUserForm.parse(RequestBodies.readObject(request));
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
     * @return 200, the users ordered by username, paged like every list ({@code page}, {@code page_size},
     *         {@code X-Result-Count}, {@code Link})
     * @throws ApiException 404 {@code {"detail":"Invalid page."}} for a page past the end
     */
    @GetMapping(path = {"/api/users/", "/api/users"})
    public ResponseEntity<List<UserResponse>> list(HttpServletRequest request) {
        String base = Hyperlinks.base();
        PageRequest pageRequest = Paging.pageRequest(request);
        Page<AppUser> page = pageRequest.slice(accounts.list());
        return Paging.respond(request, page, pageRequest.size(),
                page.items().stream().map(user -> UserResponse.of(user, base)).toList());
    }

    /**
     * @param uuid the user's uuid, dashed or not, any letter case
     * @return 200, the user
     * @throws ApiException 404 {@code {"detail":"Not found."}} for an unknown or malformed uuid
     */
    @GetMapping(path = {"/api/users/{uuid}/", "/api/users/{uuid}"})
    public UserResponse get(@PathVariable("uuid") String uuid) {
        return Uuids.parse(uuid)
                .flatMap(accounts::find)
                .map(user -> UserResponse.of(user, Hyperlinks.base()))
                .orElseThrow(ApiException::notFound);
    }
}
