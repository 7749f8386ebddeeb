package org.orggroups.app.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;

import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.support.Paging;
import org.orggroups.app.web.support.Timestamps;

/**
 * {@code as_of}: the instant of the past a group read is asked about (API.md section 7).
 *
 * @param asOf the instant, read to the microsecond; {@code null} when absent or empty (the present)
 */
public record AsOfParameter(@Described Instant asOf) {

    /**
     * The OpenAPI description of {@code as_of}, for every record that holds it (API.md section 7): the group or the
     * list as it was then.
     */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @Parameter(name = "as_of", in = ParameterIn.QUERY, description = "The group, or the list, as it was at this "
            + "instant (any ISO 8601 form; without an offset: UTC; a date: its midnight UTC).",
            schema = @Schema(type = "string", format = "date-time"))
    @interface Described {
    }

    /**
     * Reads the last {@code as_of} of the query.
     *
     * @throws ApiException 400 {@code {"as_of": ["Invalid timestamp format."]}} when it is not ISO 8601
     */
    static AsOfParameter read(HttpServletRequest request) {
        String raw = Paging.last(request, "as_of");
        if (raw == null || raw.isEmpty()) {
            return new AsOfParameter(null);
        }
        return new AsOfParameter(Timestamps.parse(raw)
                .orElseThrow(() -> ApiException.field("as_of", Timestamps.INVALID)));
    }
}
