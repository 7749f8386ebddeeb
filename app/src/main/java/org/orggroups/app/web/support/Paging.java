package org.orggroups.app.web.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.orggroups.api.query.Page;
import org.orggroups.api.query.PageRequest;
import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.error.ErrorBodies;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Waldur's page-number paging with {@code Link} and {@code X-Result-Count} headers (API.md section 3,
 * "Listing"; Waldur's {@code LinkHeaderPagination}).
 */
public final class Paging {

    /** Items per page when {@code page_size} is absent or not a positive integer. */
    public static final int DEFAULT_PAGE_SIZE = 10;
    /** Largest page size; a larger one is clamped to it. */
    public static final int MAX_PAGE_SIZE = 300;

    /** The header holding the number of matching items over all pages. */
    public static final String RESULT_COUNT = "X-Result-Count";

    private static final String INVALID_PAGE = "Invalid page.";
    /** Digits in groups joined by single underscores, with an optional sign. */
    private static final Pattern DIGIT_GROUPS = Pattern.compile("[+-]?\\p{Nd}+(?:_\\p{Nd}+)+");
    /** A page size too large for an {@code int}: Django's paginator caps it like any other large one. */
    private static final Pattern HUGE_NUMBER = Pattern.compile("\\d{10,}");

    private Paging() {
    }

    /**
     * @return the last value of a query parameter, as Django's {@code QueryDict.get} gives it, or {@code null}
     */
    public static String last(HttpServletRequest request, String name) {
        String[] values = request.getParameterValues(name);
        return values == null || values.length == 0 ? null : values[values.length - 1];
    }

    /**
     * Reads {@code page} and {@code page_size}.
     *
     * @throws ApiException 404 {@code {"detail":"Invalid page."}} when {@code page} is neither a positive integer
     *                      nor {@code last}
     */
    public static PageRequest pageRequest(HttpServletRequest request) {
        int size = DEFAULT_PAGE_SIZE;
        String sizeText = last(request, "page_size");
        if (sizeText != null) {
            try {
                int asked = Integer.parseInt(pythonInt(sizeText));
                size = asked > 0 ? Math.min(asked, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
            } catch (NumberFormatException e) {
                size = HUGE_NUMBER.matcher(pythonInt(sizeText)).matches() ? MAX_PAGE_SIZE : DEFAULT_PAGE_SIZE;
            }
        }
        String pageText = last(request, "page");
        if (pageText == null || pageText.isEmpty()) {
            return new PageRequest(1, size);
        }
        if ("last".equals(pageText)) {
            return new PageRequest(null, size);
        }
        try {
            // Read as Python's int() reads it (Django's paginator).
            int page = Integer.parseInt(pythonInt(pageText));
            if (page < 1) {
                throw invalidPage();
            }
            return new PageRequest(page, size);
        } catch (NumberFormatException e) {
            throw invalidPage();
        }
    }

    /**
     * A number's text as Python's {@code int()} reads it, made ready for {@link Integer#parseInt}: blanks around it
     * dropped, and single underscores between digits ({@code 1_0} is 10, PEP 515); a sign and any Unicode decimal
     * digits are taken by both as they are.
     */
    private static String pythonInt(String text) {
        String stripped = text.strip();
        return DIGIT_GROUPS.matcher(stripped).matches() ? stripped.replace("_", "") : stripped;
    }

    private static ApiException invalidPage() {
        return ApiException.detail(HttpStatus.NOT_FOUND, INVALID_PAGE);
    }

    /**
     * Answers a page of the current request: 200 with the items, {@code X-Result-Count} and {@code Link}.
     *
     * @param page  the page from the query side
     * @param size  the page size used
     * @param items the rendered items of the page
     * @throws ApiException 404 {@code {"detail":"Invalid page."}} when the page is past the end
     */
    public static <T> ResponseEntity<List<T>> respond(Page<?> page, int size, List<T> items) {
        return respond(currentRequest(), page, size, items);
    }

    /** As {@link #respond(Page, int, List)}, for a given request. */
    public static <T> ResponseEntity<List<T>> respond(HttpServletRequest request, Page<?> page, int size,
                                                      List<T> items) {
        if (!page.exists()) {
            throw invalidPage();
        }
        HttpHeaders headers = new HttpHeaders();
        headers.add(RESULT_COUNT, Long.toString(page.total()));
        headers.add(HttpHeaders.LINK, linkHeader(request, page.page(), lastPage(page.total(), size)));
        return ResponseEntity.ok().headers(headers).body(items);
    }

    private static HttpServletRequest currentRequest() {
        return ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
    }

    private static int lastPage(long total, int size) {
        return (int) Math.max(1, (total + size - 1) / size);
    }

    /**
     * Builds the {@code Link} header: first, prev (if any), next (if any), last, joined by {@code ", "}. Each
     * link is the absolute request URL with its query re-encoded as Django's {@code replace_query_param} does:
     * keys sorted, values form-encoded ({@code ,} as {@code %2C}, space as {@code +}).
     */
    static String linkHeader(HttpServletRequest request, int page, int lastPage) {
        UriComponentsBuilder base = ServletUriComponentsBuilder.fromCurrentRequestUri().replaceQuery(null);
        Map<String, List<String>> query = QueryStrings.parse(request.getQueryString());
        List<String> links = new ArrayList<>();
        links.add(link(base, query, null, "first"));
        if (page > 1) {
            links.add(link(base, query, page - 1 == 1 ? null : page - 1, "prev"));
        }
        if (page < lastPage) {
            links.add(link(base, query, page + 1, "next"));
        }
        links.add(link(base, query, lastPage == 1 ? null : lastPage, "last"));
        return String.join(", ", links);
    }

    /**
     * One link: the values are encoded here, as Python's {@code quote_plus} does, and handed to the builder as
     * they are, because its own RFC 3986 encoding would keep {@code ,} and write a space as {@code %20}.
     */
    private static String link(UriComponentsBuilder base, Map<String, List<String>> query, Integer page, String rel) {
        Map<String, List<String>> sorted = new TreeMap<>(query);
        if (page == null) {
            sorted.remove("page");
        } else {
            sorted.put("page", List.of(Integer.toString(page)));
        }
        UriComponentsBuilder url = base.cloneBuilder();
        sorted.forEach((key, values) -> values.forEach(value -> url.queryParam(quotePlus(key), quotePlus(value))));
        return "<" + url.build().toUriString() + ">; rel=\"" + rel + "\"";
    }

    /** Python's {@code urllib.parse.quote_plus}: keeps letters, digits and {@code _.-~}; space becomes {@code +}. */
    static String quotePlus(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '-' || c == '~') {
                out.append((char) c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /**
     * Reads an optional UUID filter parameter.
     *
     * @return the UUID, or empty when absent or empty
     * @throws ApiException 400 {@code {"<name>": ["Enter a valid UUID."]}} when malformed
     */
    public static Optional<java.util.UUID> uuidFilter(HttpServletRequest request, String name) {
        String text = last(request, name);
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Uuids.parse(text.strip())
                .orElseThrow(() -> ApiException.field(name, "Enter a valid UUID.")));
    }

    /**
     * @return the last value of a text filter, trimmed as django-filter's {@code CharFilter} (a Django form
     *         {@code CharField}) trims it, or {@code null} when absent or blank (no filter)
     * @throws ApiException 400 {@code {"<name>": ["Null characters are not allowed."]}} for a NUL character
     */
    public static String textFilter(HttpServletRequest request, String name) {
        String text = last(request, name);
        String trimmed = text == null ? "" : RequestBodies.trim(text);
        if (trimmed.indexOf('\0') >= 0) {
            // django-filter's CharField refuses NUL, and PostgreSQL cannot compare text with it
            throw ApiException.field(name, ErrorBodies.NULL_CHARACTERS);
        }
        return trimmed.isEmpty() ? null : trimmed;
    }
}
