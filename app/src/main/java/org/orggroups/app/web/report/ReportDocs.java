package org.orggroups.app.web.report;

/** Texts of the OpenAPI description shared by the operations served from streaming projections (API.md section 5). */
final class ReportDocs {

    static final String EVENT_POSITION = "X-Event-Position";
    static final String EVENT_POSITION_DESCRIPTION =
            "Every event with a global index up to this one is reflected; 0 before the projection has handled any";
    static final String PROJECTION_LAG = "X-Projection-Lag";
    static final String PROJECTION_LAG_DESCRIPTION = "Stored events beyond X-Event-Position; 0 means up to date";
    static final String RESULT_COUNT = "X-Result-Count";
    static final String LINK = "Link";
    static final String LINK_DESCRIPTION = "first, prev, next and last pages, joined by \", \"";

    private ReportDocs() {
    }
}
