package org.orggroups.app.web.offering;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.offering.CreateOffering;
import org.orggroups.api.offering.NewPlan;
import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.offering.PlanId;
import org.orggroups.app.web.error.ApiException;
import org.orggroups.command.MemberGroupNotFoundException;

/**
 * Where E1 reports a group that the edge found live but the command found deleted (API.md 12.11): under the
 * offering's key when the offering names it, under each plan item that names it.
 */
class CreateDeadGroupTest {

    private static final GroupId DEAD = GroupId.parse("10000000-0000-0000-0000-000000000000");
    private static final GroupId LIVE = GroupId.parse("20000000-0000-0000-0000-000000000000");
    private static final List<String> DOES_NOT_EXIST = List.of("Invalid hyperlink - Object does not exist.");

    private static Map<String, Object> answer(Set<GroupId> offeringGroups, NewPlan... plans) {
        CreateOffering command = new CreateOffering(OfferingId.random(), CustomerId.random(),
                "Cloud", true, offeringGroups, false, List.of(plans));
        ApiException e = OfferingController.deadGroup(new MemberGroupNotFoundException(DEAD), command);
        assertThat(e.status().value()).isEqualTo(400);
        return e.body();
    }

    private static NewPlan plan(GroupId... groups) {
        return new NewPlan(PlanId.random(), "P", Set.of(groups), false);
    }

    @Test
    void groupOfAPlanOnlyIsThatItemsError() {
        assertThat(answer(Set.of(LIVE), plan(), plan(LIVE, DEAD)))
                .isEqualTo(Map.of("plans", List.of(Map.of(), Map.of("organization_groups", DOES_NOT_EXIST))));
    }

    @Test
    void groupOfTheOfferingIsTheTopLevelError() {
        assertThat(answer(Set.of(DEAD), plan(LIVE)))
                .isEqualTo(Map.of("organization_groups", DOES_NOT_EXIST));
    }

    @Test
    void groupOfBothIsReportedWhereverItIsNamed() {
        assertThat(answer(Set.of(DEAD), plan(DEAD), plan()))
                .isEqualTo(Map.of("plans", List.of(Map.of("organization_groups", DOES_NOT_EXIST), Map.of()),
                        "organization_groups", DOES_NOT_EXIST));
    }
}
