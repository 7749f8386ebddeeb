package org.orggroups.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A group request body of either kind ({@link OrganizationGroupRequest}, {@link PatchedOrganizationGroupRequest}),
 * as the JSON object the checks of {@link org.orggroups.app.web.support.RequestBodies} read.
 */
interface GroupBody {

    /** @return an object holding the keys that were sent, with their raw values */
    ObjectNode json();

    /** @return an object holding {@code name} and {@code parent} where they are not {@code null} (absent) */
    static ObjectNode json(JsonNode name, JsonNode parent) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        if (name != null) {
            json.set("name", name);
        }
        if (parent != null) {
            json.set("parent", parent);
        }
        return json;
    }
}
