package org.orggroups.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.orggroups.api.query.audit.AuditEvent;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * Every event type, written and read back as the audit log stores it: each typed id it records, alone or in a
 * collection, comes back as {@link UUID}s under a key of {@link AuditEvent#ID_KEYS}, so that the audit log renders it
 * as 32 hex digits (API.md section 8) like every other uuid. An event type with an id under a key the set lacks fails
 * here, not on a client comparing dashed text with a {@code uuid} field.
 */
class AuditPayloadsTest {

    @Test
    void everyIdOfEveryEventIsReadBackAsUuids() throws Exception {
        List<Class<?>> events = eventTypes();
        assertThat(events).hasSizeGreaterThanOrEqualTo(16);
        for (Class<?> event : events) {
            RecordComponent[] components = event.getRecordComponents();
            Object[] values = new Object[components.length];
            List<UUID> expectedIds = new ArrayList<>();
            for (int i = 0; i < components.length; i++) {
                values[i] = sample(components[i].getGenericType(), expectedIds);
            }
            Constructor<?> constructor = event.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            Map<String, Object> read = AuditPayloads.decode(AuditPayloads.encode(constructor.newInstance(values)));

            List<UUID> readIds = new ArrayList<>();
            read.forEach((key, value) -> {
                if (value instanceof UUID id) {
                    readIds.add(id);
                } else if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof UUID) {
                    list.forEach(id -> readIds.add((UUID) id));
                }
            });
            assertThat(readIds).as(event.getSimpleName() + " read back as " + read)
                    .containsExactlyInAnyOrderElementsOf(expectedIds);
        }
    }

    /** @return the event records: every type under {@code org.orggroups.api} Axon stores with a revision */
    private static List<Class<?>> eventTypes() throws ClassNotFoundException {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Revision.class));
        List<Class<?>> types = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("org.orggroups.api")) {
            Class<?> type = Class.forName(candidate.getBeanClassName());
            if (type.isRecord()) {
                types.add(type);
            }
        }
        return types;
    }

    /** @return a value of the type; each typed id made is added to {@code ids} */
    private static Object sample(Type type, List<UUID> ids) throws Exception {
        if (type instanceof ParameterizedType generic
                && Collection.class.isAssignableFrom((Class<?>) generic.getRawType())) {
            Type element = generic.getActualTypeArguments()[0];
            List<Object> elements = List.of(sample(element, ids), sample(element, ids));
            return Set.class.isAssignableFrom((Class<?>) generic.getRawType()) ? Set.copyOf(elements) : elements;
        }
        Class<?> raw = (Class<?>) type;
        if (raw == String.class) {
            return "text";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return true;
        }
        if (raw == long.class || raw == Long.class) {
            return 7L;
        }
        if (raw == int.class || raw == Integer.class) {
            return 7;
        }
        if (raw.isRecord() && raw.getRecordComponents().length == 1
                && raw.getRecordComponents()[0].getType() == UUID.class) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            return raw.getDeclaredConstructor(UUID.class).newInstance(id);
        }
        if (raw == UUID.class) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            return id;
        }
        if (raw.isEnum()) {
            return raw.getEnumConstants()[0];
        }
        throw new AssertionError("no sample for " + type + "; add one");
    }
}
