package org.orggroups.query.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.offering.PlanId;
import org.orggroups.api.query.audit.AuditEvent;

/**
 * Turns an event's payload into the flat JSON object stored in {@code audit_event.payload}, and back: one key per
 * record component, in snake case and declaration order, typed ids as their dashed UUID text (lists of ids, as in
 * the offering events, as lists of those texts).
 */
final class AuditPayloads {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .registerModule(new SimpleModule("typed-ids")
                    .addSerializer(GroupId.class, ToStringSerializer.instance)
                    .addSerializer(CustomerId.class, ToStringSerializer.instance)
                    .addSerializer(OfferingId.class, ToStringSerializer.instance)
                    .addSerializer(PlanId.class, ToStringSerializer.instance));

    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
    };

    private AuditPayloads() {
    }

    /**
     * @param payload an event payload (a record of strings, booleans, numbers and typed ids)
     * @return the payload's fields as a JSON object text
     * @throws IllegalStateException when the payload cannot be written as JSON
     */
    static String encode(Object payload) {
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + payload.getClass().getName() + " as JSON", e);
        }
    }

    /**
     * @param json a text made by {@link #encode}
     * @return its fields in order; values under {@link AuditEvent#ID_KEYS} as {@link UUID}s, or lists of them
     * @throws IllegalStateException when the text is not a JSON object
     */
    static Map<String, Object> decode(String json) {
        try {
            Map<String, Object> fields = JSON.readValue(json, OBJECT);
            fields.replaceAll((key, value) -> AuditEvent.ID_KEYS.contains(key) ? ids(value) : value);
            return fields;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit payload is not a JSON object: " + json, e);
        }
    }

    /** @return an id's text as its {@link UUID}, a list of them as a list of {@link UUID}s, {@code null} as is */
    private static Object ids(Object value) {
        if (value instanceof String text) {
            return UUID.fromString(text);
        }
        if (value instanceof List<?> texts) {
            return texts.stream().map(text -> UUID.fromString((String) text)).toList();
        }
        return value;
    }
}
