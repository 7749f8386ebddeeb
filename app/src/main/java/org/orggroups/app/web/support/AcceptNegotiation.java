package org.orggroups.app.web.support;

import java.util.Collections;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Content negotiation for writes, before the handler acts (API.md section 1, "media type"). Every answer of this
 * service is JSON, so a POST, PUT, PATCH or DELETE whose {@code Accept} excludes {@code application/json} is
 * refused with 406 {@code {"detail":"Could not satisfy the request Accept header."}} before any command is sent:
 * negotiating only when the answer is written would commit the change and then refuse to say so, and a client
 * retrying on 406 would repeat it. Reads negotiate when they answer, so that their errors keep their own status.
 */
public class AcceptNegotiation implements HandlerInterceptor, ContentNegotiationStrategy {

    /**
     * What {@link #resolveMediaTypes} answers for an {@code Accept} whose every type has quality 0: a type no
     * answer of this service has, so that a read that succeeds is 406 as for {@code Accept: text/html}.
     */
    static final MediaType NOTHING_ACCEPTABLE = new MediaType("application", "x-nothing-acceptable");

    private final HeaderContentNegotiationStrategy header = new HeaderContentNegotiationStrategy();

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    /**
     * @throws HttpMediaTypeNotAcceptableException for a write whose {@code Accept} is malformed or names no type
     *                                             that includes {@code application/json} with a quality above 0
     */
    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws HttpMediaTypeNotAcceptableException {
        List<String> accept = Collections.list(request.getHeaders(HttpHeaders.ACCEPT));
        if (handler instanceof HandlerMethod && !SAFE_METHODS.contains(request.getMethod())
                && !acceptsJson(accept.isEmpty() ? null : String.join(",", accept))) {
            throw new HttpMediaTypeNotAcceptableException(List.of(MediaType.APPLICATION_JSON));
        }
        return true;
    }

    /**
     * The types a read's answer may have, for Spring's negotiation when it writes the answer: the {@code Accept}
     * header's types without those of quality 0, which HTTP defines as "not acceptable" and Spring would otherwise
     * take as acceptable (API.md section 1).
     *
     * @throws HttpMediaTypeNotAcceptableException for a malformed {@code Accept}
     */
    @Override
    public List<MediaType> resolveMediaTypes(NativeWebRequest request) throws HttpMediaTypeNotAcceptableException {
        List<MediaType> types = header.resolveMediaTypes(request);
        List<MediaType> acceptable = types.stream().filter(type -> type.getQualityValue() > 0).toList();
        return acceptable.isEmpty() && !types.isEmpty() ? List.of(NOTHING_ACCEPTABLE) : acceptable;
    }

    /**
     * @param accept the {@code Accept} header (several joined by commas), or {@code null} when absent
     * @return whether JSON may be answered: no header, a blank one, or one listing {@code application/json},
     *         {@code application/*} or {@code *}{@code /*} (parameters such as {@code charset} aside) with a
     *         quality above 0
     */
    static boolean acceptsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> type.getQualityValue() > 0 && type.includes(MediaType.APPLICATION_JSON));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
