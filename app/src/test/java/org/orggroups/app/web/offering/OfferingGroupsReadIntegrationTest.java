package org.orggroups.app.web.offering;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Reads of different offerings one after the other each show the offering's own groups: on H2 the statement that
 * reads a page's groups once answered the groups of the offering read before it on the same connection.
 */
class OfferingGroupsReadIntegrationTest extends OfferingTestSupport {

    @Test
    void eachOfferingReadShowsItsOwnGroupsWhateverWasReadBeforeIt() {
        String provider = newCustomer("Provider");
        String first = newOffering("First", provider, newGroup("Alpha", null));
        String second = newOffering("Second", provider, newGroup("Beta", null));

        // Sequential reads from one thread take the same pooled connection again and again.
        for (int round = 0; round < 10; round++) {
            assertThat(groupNames(first)).as("round %d", round).containsExactly("Alpha");
            assertThat(groupNames(second)).as("round %d", round).containsExactly("Beta");
        }
    }

    private List<String> groupNames(String offering) {
        Response response = call("GET", OFFERINGS + offering + "/", adminToken(), null);
        assertThat(response.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        for (JsonNode group : response.json().get("organization_groups")) {
            names.add(group.get("name").asText());
        }
        return names;
    }
}
