package org.orggroups.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Set;
import java.util.stream.Stream;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.customer.RenameCustomer;
import org.orggroups.api.group.DeleteGroup;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.group.ParentChange;
import org.orggroups.api.group.UpdateGroup;
import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.offering.PlanId;
import org.orggroups.api.offering.UpdatePlanGroups;

/**
 * {@link CachingCommandTargetResolver} answers as Axon's {@link AnnotationCommandTargetResolver} does, for the
 * service's commands and for the other shapes Axon's rules cover (a field, a method, a version as a number or as
 * text), errors included; each command is asked twice, so that the second answer comes from the cached members.
 */
class CachingCommandTargetResolverTest {

    private final CommandTargetResolver axons = AnnotationCommandTargetResolver.builder().build();
    private final CommandTargetResolver cached = new CachingCommandTargetResolver();

    static Stream<Object> commands() {
        GroupId group = GroupId.random();
        return Stream.of(
                new UpdateGroup(group, "Renamed", null, 3L),
                new UpdateGroup(group, null, ParentChange.toRoot(), null),
                new DeleteGroup(group, 5L),
                new RenameCustomer(CustomerId.random(), "Customer"),
                new UpdatePlanGroups(OfferingId.random(), PlanId.random(), Set.of(group), true),
                new FieldTarget("field-target", 7),
                new FieldTarget("field-target", null),
                new MethodTarget("method-target", "12"),
                new MethodTarget("method-target", "twelve"),
                new MethodTarget(null, "1"),
                new NoTarget("nothing"));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void answersAsAxonsResolverDoes(Object command) {
        for (int ask = 0; ask < 2; ask++) {
            var message = GenericCommandMessage.asCommandMessage(command);
            Throwable axonsError = catchThrowable(() -> axons.resolveTarget(message));
            Throwable cachedError = catchThrowable(() -> cached.resolveTarget(message));
            if (command.getClass().getPackageName().startsWith("org.orggroups.api")) {
                assertThat(axonsError).as("the service's commands name their aggregate").isNull();
            }
            if (axonsError == null) {
                assertThat(cachedError).isNull();
                assertThat(cached.resolveTarget(message)).isEqualTo(axons.resolveTarget(message));
            } else {
                assertThat(cachedError).isExactlyInstanceOf(axonsError.getClass())
                        .hasMessage(axonsError.getMessage());
            }
        }
    }

    /** Targets in fields, the version a number. */
    static final class FieldTarget {
        @TargetAggregateIdentifier
        private final String id;
        @TargetAggregateVersion
        private final Integer version;

        FieldTarget(String id, Integer version) {
            this.id = id;
            this.version = version;
        }
    }

    /** Targets behind methods, the version text. */
    static final class MethodTarget {
        private final String id;
        private final String version;

        MethodTarget(String id, String version) {
            this.id = id;
            this.version = version;
        }

        @TargetAggregateIdentifier
        String id() {
            return id;
        }

        @TargetAggregateVersion
        String version() {
            return version;
        }
    }

    /** No target at all. */
    record NoTarget(String name) {
    }
}
