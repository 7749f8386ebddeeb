package org.orggroups.app.web.support;

import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request as if the client had sent some headers differently, or not at all: every later filter and handler
 * sees it so.
 */
final class EditedHeaders extends HttpServletRequestWrapper {

    /** By lower-case name: the one value to show, or empty to hide the header. */
    private final Map<String, Optional<String>> edits = new HashMap<>();

    /** @param edits header name (any letter case) to its one new value, or to empty to hide the header */
    EditedHeaders(HttpServletRequest request, Map<String, Optional<String>> edits) {
        super(request);
        edits.forEach((name, value) -> this.edits.put(name.toLowerCase(Locale.ROOT), value));
    }

    private Optional<String> edit(String name) {
        return name == null ? null : edits.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public String getHeader(String name) {
        Optional<String> edit = edit(name);
        return edit == null ? super.getHeader(name) : edit.orElse(null);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        Optional<String> edit = edit(name);
        return edit == null ? super.getHeaders(name)
                : Collections.enumeration(edit.map(Collections::singletonList).orElse(Collections.emptyList()));
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                .filter(name -> edit(name) == null || edit(name).isPresent()).toList());
    }
}
