package org.orggroups.app.web.binding;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The OpenAPI descriptions of the list filters that several lists share (API.md sections 3, 4 and 9), read by
 * {@link org.orggroups.app.web.support.Paging#textFilter} and {@link org.orggroups.app.web.support.Paging#uuidFilter}.
 * Each goes on the record component that holds the filter, or on the operation where the parameters are hidden.
 */
public final class FilterParameters {

    private FilterParameters() {
    }

    /** {@code name}: a case-insensitive substring of the name, matched literally. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @Parameter(name = "name", in = ParameterIn.QUERY,
            description = "Name (case-insensitive substring; `%` and `_` match literally).",
            schema = @Schema(type = "string"))
    public @interface Name {
    }

    /** {@code name_exact}: the exact name. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @Parameter(name = "name_exact", in = ParameterIn.QUERY, description = "Name (exact).",
            schema = @Schema(type = "string"))
    public @interface NameExact {
    }

    /** {@code parent}: the group whose direct children are listed. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @Parameter(name = "parent", in = ParameterIn.QUERY, description = "UUID of the parent: its direct children only.",
            schema = @Schema(type = "string", format = "uuid"))
    public @interface Parent {
    }
}
