package org.orggroups.app.web;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.offering.PlanId;
import org.orggroups.app.web.binding.PathUuid;
import org.orggroups.app.web.support.RequestBodies;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Binds the typed arguments of the group, customer, offering and plan controllers: the {@code {uuid}} of a path as
 * a {@link GroupId}, {@link CustomerId}, {@link OfferingId} or {@link PlanId} (read as {@link PathUuid}), the query parameter records and the request
 * body records. Each is read and checked by its own type's rules and fails with the contract's DRF body (an
 * {@link org.orggroups.app.web.error.ApiException}, rendered as is), never with Spring's binding errors. Arguments are bound in the order the handler declares them, which is
 * the order the contract checks them in (e.g. a malformed uuid in the path is 404 before a malformed body is 400).
 */
@Configuration(proxyBeanMethods = false)
public class TypedArguments implements WebMvcConfigurer, HandlerMethodArgumentResolver {

    private static final Map<Class<?>, Function<HttpServletRequest, Object>> READERS = Map.ofEntries(
            Map.entry(GroupId.class, request -> new GroupId(PathUuid.of(request).value())),
            Map.entry(CustomerId.class, request -> new CustomerId(PathUuid.of(request).value())),
            Map.entry(OfferingId.class, request -> new OfferingId(PathUuid.of(request).value())),
            Map.entry(PlanId.class, request -> new PlanId(PathUuid.of(request).value())),
            Map.entry(GroupListParameters.class, GroupListParameters::read),
            Map.entry(CustomerListParameters.class, CustomerListParameters::read),
            Map.entry(AsOfParameter.class, AsOfParameter::read),
            Map.entry(OrganizationGroupRequest.class, request -> {
                ObjectNode body = RequestBodies.readObject(request);
                return new OrganizationGroupRequest(body.get("name"), body.get("parent"));
            }),
            Map.entry(PatchedOrganizationGroupRequest.class, request -> {
                ObjectNode body = RequestBodies.readObject(request);
                return new PatchedOrganizationGroupRequest(body.get("name"), body.get("parent"));
            }),
            Map.entry(CustomerRequest.class,
                    request -> new CustomerRequest(RequestBodies.readObject(request).get("name"))),
            Map.entry(PatchedCustomerRequest.class,
                    request -> new PatchedCustomerRequest(RequestBodies.readObject(request).get("name"))),
            Map.entry(OrganizationGroupsRequest.class, request -> {
                ObjectNode body = RequestBodies.readObject(request);
                return new OrganizationGroupsRequest(body.get("organization_groups"),
                        body.get("include_descendant_groups"));
            }));

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return READERS.containsKey(parameter.getParameterType());
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        return READERS.get(parameter.getParameterType()).apply(webRequest.getNativeRequest(HttpServletRequest.class));
    }
}
