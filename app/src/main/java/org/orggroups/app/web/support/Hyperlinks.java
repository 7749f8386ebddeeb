package org.orggroups.app.web.support;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.error.ErrorBodies;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Builds the absolute hyperlinks the API renders and parses the ones clients send, the way Django REST
 * framework's {@code HyperlinkedRelatedField} does (API.md section 3, "parent").
 */
public final class Hyperlinks {

    public static final String GROUPS = "/api/organization-groups/";
    public static final String CUSTOMERS = "/api/customers/";
    public static final String USERS = "/api/users/";
    public static final String OFFERINGS = "/api/marketplace-provider-offerings/";
    public static final String PLANS = "/api/marketplace-plans/";
    public static final String PUBLIC_OFFERINGS = "/api/marketplace-public-offerings/";

    static final String NO_URL_MATCH = "Invalid hyperlink - No URL match.";
    static final String INCORRECT_URL_MATCH = "Invalid hyperlink - Incorrect URL match.";
    public static final String OBJECT_DOES_NOT_EXIST = "Invalid hyperlink - Object does not exist.";

    private static final Pattern GROUP_DETAIL = Pattern.compile("/api/organization-groups/([^/]+)/?");
    private static final Pattern CUSTOMER_DETAIL = Pattern.compile("/api/customers/([^/]+)/?");
    private static final Pattern OFFERING_DETAIL = Pattern.compile("/api/marketplace-provider-offerings/([^/]+)/?");
    /**
     * Every route this service serves: a link to one of them that is not of the kind asked for is a URL match of
     * the wrong kind (API.md section 12.4 lists offerings and plans among them).
     */
    private static final Pattern OTHER_ROUTE = Pattern.compile(
            "/api/(organization-groups|customers|users)(/[^/]+(/history(/at)?|/update_organization_groups)?)?/?"
                    + "|/api/(marketplace-provider-offerings|marketplace-plans)(/[^/]+(/history(/at)?"
                    + "|/update_organization_groups|/delete_organization_groups|/allowed_customers|/order_check)?)?/?"
                    + "|/api/marketplace-public-offerings(/[^/]+(/plans(/[^/]+)?)?)?/?"
                    + "|/api-auth/password/?");

    private Hyperlinks() {
    }

    /** @return scheme, host and port of the current request (honouring X-Forwarded-*), no trailing slash */
    public static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }

    /** @return {@code <base>/api/organization-groups/<hex>/} */
    public static String group(String base, UUID uuid) {
        return base + GROUPS + Uuids.hex(uuid) + "/";
    }

    /** @return {@code <base>/api/customers/<hex>/} */
    public static String customer(String base, UUID uuid) {
        return base + CUSTOMERS + Uuids.hex(uuid) + "/";
    }

    /** @return {@code <base>/api/marketplace-provider-offerings/<hex>/} */
    public static String offering(String base, UUID uuid) {
        return base + OFFERINGS + Uuids.hex(uuid) + "/";
    }

    /** @return {@code <base>/api/marketplace-public-offerings/<hex>/} */
    public static String publicOffering(String base, UUID uuid) {
        return base + PUBLIC_OFFERINGS + Uuids.hex(uuid) + "/";
    }

    /** @return {@code <base>/api/marketplace-plans/<hex>/} */
    public static String plan(String base, UUID uuid) {
        return base + PLANS + Uuids.hex(uuid) + "/";
    }

    /** @return {@code <base>/api/marketplace-public-offerings/<offering hex>/plans/<plan hex>/} */
    public static String publicPlan(String base, UUID offering, UUID plan) {
        return publicOffering(base, offering) + "plans/" + Uuids.hex(plan) + "/";
    }

    /**
     * Reads a hyperlink to a customer by the rules of {@link #parseGroup} (API.md section 12.3: an offering's
     * {@code customer} follows the rules of {@code parent}).
     *
     * @return the customer's uuid; empty for JSON {@code null} or {@code ""}
     * @throws ApiException as {@link #parseGroup}, under {@code field}
     */
    public static Optional<UUID> parseCustomer(String field, JsonNode value) {
        return parse(field, value, CUSTOMER_DETAIL);
    }

    /**
     * Reads a hyperlink to a provider offering by the rules of {@link #parseGroup} (API.md section 12.3, E6: a
     * plan's {@code offering}; a public offering's link is another route).
     *
     * @return the offering's uuid; empty for JSON {@code null} or {@code ""}
     * @throws ApiException as {@link #parseGroup}, under {@code field}
     */
    public static Optional<UUID> parseOffering(String field, JsonNode value) {
        return parse(field, value, OFFERING_DETAIL);
    }

    /**
     * Reads the uuid of a customer link used as a list filter (Waldur's {@code URLFilter}: {@code ?customer=<url>}).
     *
     * @param field the query parameter, used in the error body
     * @param text  its value, not empty
     * @return the uuid of a link to a customer (or a bare uuid); empty for a link that matches no customer route
     *         (Waldur then filters everything out)
     * @throws ApiException 400 {@code {"<field>": ["Enter a valid UUID."]}} for a customer link whose uuid is
     *                      malformed
     */
    public static Optional<UUID> filterCustomer(String field, String text) {
        return filterLink(field, text, CUSTOMER_DETAIL);
    }

    /** As {@link #filterCustomer}, for a provider offering's link ({@code ?offering=<url>} of the plan list). */
    public static Optional<UUID> filterOffering(String field, String text) {
        return filterLink(field, text, OFFERING_DETAIL);
    }

    private static Optional<UUID> filterLink(String field, String text, Pattern detailRoute) {
        String link = text.strip();
        Optional<UUID> bare = Uuids.parse(link);
        if (bare.isPresent()) {
            return bare;
        }
        Matcher detail = pathOf(link).map(p -> detailRoute.matcher(withoutPrefix(p))).orElse(null);
        if (detail == null || !detail.matches()) {
            return Optional.empty();
        }
        return Optional.of(Uuids.parse(detail.group(1))
                .orElseThrow(() -> ApiException.field(field, "Enter a valid UUID.")));
    }

    /**
     * Reads a hyperlink to a group: an absolute URL with any scheme and host, a bare path
     * {@code /api/organization-groups/<uuid>/}, or (our extension) a bare uuid.
     *
     * @param field the JSON key, used in the error body
     * @param value the JSON value; must be a string
     * @return the group's uuid; empty for JSON {@code null} or {@code ""} (no group)
     * @throws ApiException 400 {@code {"<field>": ["Incorrect type...", "Invalid hyperlink - ..."]}} with DRF's
     *                      texts; a link holding a control character anywhere (U+0000 to U+001F, U+007F to
     *                      U+009F) is {@code ["Invalid hyperlink - No URL match."]}. A well-formed link to a
     *                      missing group is not detected here.
     */
    public static Optional<UUID> parseGroup(String field, JsonNode value) {
        return parse(field, value, GROUP_DETAIL);
    }

    /** {@link #parseGroup}'s rules for a link to the resource whose detail route is {@code detailRoute}. */
    private static Optional<UUID> parse(String field, JsonNode value, Pattern detailRoute) {
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw incorrectType(field, value);
        }
        if (value.asText().codePoints().anyMatch(Character::isISOControl)) {
            // trim() would strip a trailing NUL, tab or line break and accept the link; Django's URL resolver
            // matches none of them, and a stored link must be what the client sent
            throw ApiException.field(field, NO_URL_MATCH);
        }
        String text = value.asText().trim();
        Optional<UUID> bare = Uuids.parse(text);
        if (bare.isPresent()) {
            return bare;
        }
        String path = withoutPrefix(pathOf(text).orElseThrow(() -> ApiException.field(field, NO_URL_MATCH)));
        Matcher detail = detailRoute.matcher(path);
        if (detail.matches()) {
            return Optional.of(Uuids.parse(detail.group(1))
                    .orElseThrow(() -> ApiException.field(field, OBJECT_DOES_NOT_EXIST)));
        }
        if (OTHER_ROUTE.matcher(path).matches()) {
            throw ApiException.field(field, INCORRECT_URL_MATCH);
        }
        throw ApiException.field(field, NO_URL_MATCH);
    }

    /**
     * Reads one item of a list of group hyperlinks, as DRF's {@code ManyRelatedField} hands each item to
     * {@code HyperlinkedRelatedField.to_internal_value}: unlike a single {@code parent}, an item cannot be
     * "no group", so {@code null} and {@code ""} are errors, with DRF's texts.
     *
     * @param field the JSON key, used in the error body
     * @param value one item of the list
     * @return the group's uuid (a well-formed link to a missing group is not detected here)
     * @throws ApiException 400 {@code {"<field>": ["Incorrect type. Expected URL string, received NoneType."]}} for
     *                      {@code null}, {@code ["Invalid hyperlink - No URL match."]} for {@code ""}, else as
     *                      {@link #parseGroup}
     */
    public static UUID parseGroupItem(String field, JsonNode value) {
        if (value == null || value.isNull()) {
            throw incorrectType(field, value);
        }
        return parseGroup(field, value).orElseThrow(() -> ApiException.field(field, NO_URL_MATCH));
    }

    /**
     * Reads a list of group hyperlinks that replaces a whole set (Waldur's {@code organization_groups} of
     * {@code update_organization_groups}, for customers and for offerings and plans: API.md sections 4 and 12.4).
     *
     * @param field the JSON key, used in the error body
     * @param links the JSON value, {@code null} when the key is absent
     * @return the groups' uuids, duplicates collapsed, in first-seen order (whether they exist is not checked here)
     * @throws ApiException 400 under {@code field}: {@code ["This field is required."]} for a missing key or
     *                      {@code null}; {@code ["Expected a list of items but got type \"<type>\"."]}; else the
     *                      first failing item's error, as {@link #parseGroupItem}
     */
    public static Set<UUID> parseGroupList(String field, JsonNode links) {
        requireList(field, links);
        Set<UUID> groups = new LinkedHashSet<>();
        for (JsonNode link : links) {
            groups.add(parseGroupItem(field, link));
        }
        return groups;
    }

    /**
     * The list rules of {@link #parseGroupList} before its items are read.
     *
     * @throws ApiException 400 under {@code field}: {@code ["This field is required."]} for a missing key or
     *                      {@code null}; {@code ["Expected a list of items but got type \"<type>\"."]}
     */
    public static void requireList(String field, JsonNode links) {
        if (links == null || links.isNull()) {
            throw ApiException.field(field, ErrorBodies.REQUIRED);
        }
        if (!links.isArray()) {
            throw ApiException.field(field,
                    "Expected a list of items but got type \"" + JsonTypes.pythonName(links) + "\".");
        }
    }

    private static ApiException incorrectType(String field, JsonNode value) {
        return ApiException.field(field, "Incorrect type. Expected URL string, received "
                + JsonTypes.pythonName(value) + ".");
    }

    private static Optional<String> pathOf(String text) {
        if (text.startsWith("/")) {
            return Optional.of(stripQuery(text));
        }
        try {
            URI uri = new URI(text);
            return uri.isAbsolute() && uri.getRawPath() != null ? Optional.of(uri.getPath()) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * Drops the path prefix the service is reached under (a context path, or a proxy's {@code X-Forwarded-Prefix}),
     * as Django strips its script prefix before resolving a link, so links the service built are accepted back.
     */
    private static String withoutPrefix(String path) {
        String prefix = ServletUriComponentsBuilder.fromCurrentContextPath().build().getPath();
        if (prefix == null || prefix.isEmpty() || prefix.equals("/")) {
            return path;
        }
        String bare = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return path.startsWith(bare + "/") ? path.substring(bare.length()) : path;
    }

    private static String stripQuery(String path) {
        int cut = path.indexOf('?');
        return cut < 0 ? path : path.substring(0, cut);
    }
}
