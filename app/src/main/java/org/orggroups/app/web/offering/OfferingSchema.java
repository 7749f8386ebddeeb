package org.orggroups.app.web.offering;

/**
 * Descriptions shared by the schema components of offerings and plans (API.md section 12.2), written once.
 */
final class OfferingSchema {

    static final String RESTRICTED = "True while a restriction is recorded, even after every group in it was deleted "
            + "(then organization_groups is [] and nobody qualifies); only staff end it, explicitly.";
    static final String DESCENDANTS = "Whether direct members of the current descendants of the listed groups "
            + "qualify too.";
    static final String GROUP_LINKS = "Hyperlinks of the groups the resource is restricted to; none (or absent) "
            + "for an open resource.";

    private OfferingSchema() {
    }
}
