package org.orggroups.app.web.offering;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.orggroups.api.group.GroupId;
import org.orggroups.api.query.FindGroup;
import org.orggroups.api.query.GroupSummary;
import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.error.ErrorBodies;
import org.orggroups.app.web.support.Hyperlinks;
import org.orggroups.app.web.support.JsonTypes;
import org.orggroups.app.web.support.Messaging;
import org.orggroups.app.web.support.RequestBodies;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The checks of the offering and plan request bodies (API.md sections 12.3 and 12.4), each field read into the
 * error map as DRF's serializer collects them, so that one answer reports every field's error.
 */
final class OfferingBodies {

    static final String GROUPS = "organization_groups";
    static final String DESCENDANTS = "include_descendant_groups";

    private OfferingBodies() {
    }

    /** @return the trimmed name, or {@code null} after recording its error (DRF's {@code CharField}) */
    static String name(JsonNode value, Map<String, Object> errors) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (value != null) {
            body.set("name", value);
        }
        Optional<String> error = RequestBodies.nameError(body, "name", true);
        if (error.isPresent()) {
            errors.put("name", List.of(error.get()));
            return null;
        }
        return RequestBodies.name(body, "name", true).orElseThrow();
    }

    /**
     * A required hyperlink ({@code customer}, {@code offering}) read by the rules of {@code parent}, except that it
     * cannot be empty: absent is "This field is required.", {@code null} or {@code ""} "This field may not be
     * null." (DRF's related fields take {@code ""} as {@code null}).
     *
     * @return the uuid, or {@code null} after recording the field's error
     */
    static UUID link(String field, JsonNode value, BiFunction<String, JsonNode, Optional<UUID>> parser,
                     Map<String, Object> errors) {
        if (value == null) {
            errors.put(field, List.of(ErrorBodies.REQUIRED));
            return null;
        }
        try {
            Optional<UUID> uuid = parser.apply(field, value);
            if (uuid.isEmpty()) {
                errors.put(field, List.of(ErrorBodies.NULL));
            }
            return uuid.orElse(null);
        } catch (ApiException e) {
            errors.putAll(e.body());
            return null;
        }
    }

    /**
     * An optional boolean (DRF's {@code BooleanField}).
     *
     * @param absent   the value when the key is absent (or {@code null} and {@code nullMeansAbsent})
     * @return the value, or {@code absent} after recording "This field may not be null." or "Must be a valid
     *         boolean."
     */
    static Boolean bool(String field, JsonNode value, Boolean absent, boolean nullMeansAbsent,
                        Map<String, Object> errors) {
        if (value == null || (value.isNull() && nullMeansAbsent)) {
            return absent;
        }
        if (value.isNull()) {
            errors.put(field, List.of(ErrorBodies.NULL));
            return absent;
        }
        Optional<Boolean> parsed = RequestBodies.bool(value);
        if (parsed.isEmpty()) {
            errors.put(field, List.of(RequestBodies.NOT_A_BOOLEAN));
        }
        return parsed.orElse(absent);
    }

    /**
     * {@code organization_groups}, by the rules of section 12.4: items are read and looked up in order, as DRF's
     * {@code ManyRelatedField} hands each to {@code HyperlinkedRelatedField}, so the first failing item is reported,
     * whether its link is malformed or names no live group. The command checks the groups again under the lock that
     * group deletes take.
     *
     * @param optional whether the key may be absent (a create body: absent means open, {@code null} is "This field
     *                 may not be null."); otherwise absent and {@code null} are "This field is required."
     * @return the live groups, duplicates collapsed, in first-seen order; empty after recording the error
     */
    static List<GroupSummary> groups(Messaging messaging, JsonNode value, boolean optional,
                                     Map<String, Object> errors) {
        Map<GroupId, GroupSummary> groups = new LinkedHashMap<>();
        if (optional && value == null) {
            return List.of();
        }
        if (optional && value.isNull()) {
            errors.put(GROUPS, List.of(ErrorBodies.NULL));
            return List.of();
        }
        try {
            Hyperlinks.requireList(GROUPS, value);
            for (JsonNode item : value) {
                GroupId group = new GroupId(Hyperlinks.parseGroupItem(GROUPS, item));
                if (!groups.containsKey(group)) {
                    groups.put(group, messaging.find(new FindGroup(group), GroupSummary.class)
                            .orElseThrow(() -> ApiException.field(GROUPS, Hyperlinks.OBJECT_DOES_NOT_EXIST)));
                }
            }
        } catch (ApiException e) {
            errors.putAll(e.body());
            return List.of();
        }
        return List.copyOf(groups.values());
    }

    /** @return the ids of the groups */
    static Set<GroupId> ids(List<GroupSummary> groups) {
        Set<GroupId> ids = new LinkedHashSet<>();
        groups.forEach(g -> ids.add(g.groupId()));
        return ids;
    }

    /**
     * An item of the nested {@code plans} of an offering's create body, as read.
     *
     * @param name                    trimmed
     * @param groups                  its live groups, in first-seen order; empty for an open plan
     * @param includeDescendantGroups the flag as sent ({@code false} when absent or {@code null})
     */
    record PlanItem(String name, List<GroupSummary> groups, boolean includeDescendantGroups) {

        PlanItem {
            groups = List.copyOf(groups);
        }
    }

    /**
     * The nested {@code plans} of an offering's create body (DRF's nested serializer with {@code many=True}). Each
     * item is read as E6's body is, without {@code offering}: {@code name}, then {@code organization_groups} (section
     * 12.4's list rules, first failing item; absent or {@code null} means open), then
     * {@code include_descendant_groups} (absent or {@code null} is {@code false}).
     *
     * @return the plans, in order; after an error, recorded as one object of field errors per item
     *         ({@code {"plans": [{}, {"name": ["This field is required."]}]}}), whatever was read
     */
    static List<PlanItem> plans(Messaging messaging, JsonNode value, Map<String, Object> errors) {
        List<PlanItem> plans = new ArrayList<>();
        if (value == null) {
            return plans;
        }
        if (value.isNull()) {
            errors.put("plans", List.of(ErrorBodies.NULL));
            return plans;
        }
        if (!value.isArray()) {
            errors.put("plans", List.of("Expected a list of items but got type \"" + JsonTypes.pythonName(value)
                    + "\"."));
            return plans;
        }
        List<Map<String, Object>> itemErrors = new ArrayList<>();
        boolean failed = false;
        for (JsonNode item : value) {
            Map<String, Object> itemError = new LinkedHashMap<>();
            if (!item.isObject()) {
                itemError.put("non_field_errors", List.of("Invalid data. Expected a dictionary, but got "
                        + JsonTypes.pythonName(item) + "."));
            } else {
                String name = name(item.get("name"), itemError);
                JsonNode groupLinks = item.get(GROUPS);
                List<GroupSummary> groups = groups(messaging,
                        groupLinks == null || groupLinks.isNull() ? null : groupLinks, true, itemError);
                Boolean descendants = bool(DESCENDANTS, item.get(DESCENDANTS), false, true, itemError);
                if (itemError.isEmpty()) {
                    plans.add(new PlanItem(name, groups, descendants));
                }
            }
            failed |= !itemError.isEmpty();
            itemErrors.add(itemError);
        }
        if (failed) {
            errors.put("plans", itemErrors);
        }
        return plans;
    }

    /** @throws ApiException 400 with every recorded field error, in the order recorded, when there is any */
    static void failIfAny(Map<String, Object> errors) {
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, new LinkedHashMap<>(errors), new HttpHeaders());
        }
    }
}
