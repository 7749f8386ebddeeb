package org.orggroups.app.web.binding;

import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.support.Uuids;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The {@code {uuid}} path variable of a request, read before any query parameter: a malformed uuid in a path is 404
 * {@code {"detail":"Not found."}} whatever the parameters (API.md section 1, "UUIDs, accepted"; section 9).
 *
 * @param value the uuid, from its dashed or undashed form in any letter case
 */
public record PathUuid(UUID value) {

    private static final String VARIABLE = "uuid";

    /**
     * @param request the current request, after routing
     * @return the path's uuid
     * @throws ApiException 404 {@code {"detail":"Not found."}} when malformed or absent
     */
    public static PathUuid of(HttpServletRequest request) {
        @SuppressWarnings("unchecked")
        Map<String, String> variables =
                (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return new PathUuid(Uuids.parse(variables == null ? null : variables.get(VARIABLE))
                .orElseThrow(ApiException::notFound));
    }

    /** Resolves {@link PathUuid} arguments. */
    static final class Resolver implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == PathUuid.class;
        }

        @Override
        public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                      NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
            return of(webRequest.getNativeRequest(HttpServletRequest.class));
        }
    }
}
