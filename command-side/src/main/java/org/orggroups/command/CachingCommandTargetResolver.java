package org.orggroups.command;

import static java.lang.String.format;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.ReflectionUtils;
import org.axonframework.common.annotation.AnnotationUtils;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.stereotype.Component;

/**
 * Axon's {@link AnnotationCommandTargetResolver}, with the members that carry {@link TargetAggregateIdentifier}
 * and {@link TargetAggregateVersion} looked up once per command class instead of on every command.
 *
 * <p>Axon's resolver walks every method of the command's class and its supertypes, then every field, testing each
 * for the annotation and its meta-annotations, every time; it is asked twice per command on an existing aggregate
 * (by {@link AggregateLockInterceptor} and by Axon's aggregate command handler), and the two lookups were 3.6 % of
 * the JVM's samples of a rename under load (decision record 22). The rules are Axon's and are applied with Axon's
 * own helpers: methods before fields, the first annotated member wins, a version is read as a number or parsed from
 * its text. {@code CachingCommandTargetResolverTest} compares the two resolvers.
 *
 * <p>Axon's Spring Boot configuration uses a bean of this type for every aggregate.
 */
@Component
public class CachingCommandTargetResolver implements CommandTargetResolver {

    private final ClassValue<Targets> targets = new ClassValue<>() {
        @Override
        protected Targets computeValue(Class<?> type) {
            return new Targets(member(type, TargetAggregateIdentifier.class),
                    member(type, TargetAggregateVersion.class));
        }
    };

    /**
     * @param command a command on an existing aggregate
     * @return the aggregate's identifier and the version the command expects ({@code null} for none)
     * @throws IllegalArgumentException when the command names no aggregate (no annotated member, or its value is
     *                                  {@code null}), when a member cannot be read, or when the version is no number
     */
    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        Targets found = targets.get(command.getPayloadType());
        Object payload = command.getPayload();
        Object identifier = found.identifier().read(payload);
        Long version;
        try {
            version = asLong(found.version().read(payload));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The value provided for the version is not a number.", e);
        }
        if (identifier == null) {
            throw new IllegalArgumentException(format(
                    "Invalid command. It does not identify the target aggregate. "
                            + "Make sure at least one of the fields or methods in the [%s] class contains the "
                            + "@TargetAggregateIdentifier annotation and that it returns a non-null value.",
                    command.getPayloadType().getSimpleName()));
        }
        return new VersionedAggregateIdentifier(identifier, version);
    }

    private static Member member(Class<?> type, Class<? extends Annotation> annotation) {
        for (Method method : ReflectionUtils.methodsOf(type)) {
            if (AnnotationUtils.isAnnotationPresent(method, annotation)) {
                ReflectionUtils.ensureAccessible(method);
                return payload -> {
                    try {
                        return method.invoke(payload);
                    } catch (InvocationTargetException | IllegalAccessException e) {
                        throw new IllegalArgumentException(
                                "An exception occurred while extracting aggregate information form a command", e);
                    }
                };
            }
        }
        for (Field field : ReflectionUtils.fieldsOf(type)) {
            if (AnnotationUtils.isAnnotationPresent(field, annotation)) {
                return payload -> ReflectionUtils.getFieldValue(field, payload);
            }
        }
        return payload -> null;
    }

    private static Long asLong(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        return Long.parseLong(value.toString());
    }

    /** Reads one annotated member of a command; {@code null} when the command has no such member. */
    @FunctionalInterface
    private interface Member {
        Object read(Object payload);
    }

    /** The annotated members of one command class. */
    private record Targets(Member identifier, Member version) {
    }
}
