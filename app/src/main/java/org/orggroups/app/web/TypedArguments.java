package org.orggroups.app.web;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.group.GroupId;
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
 * Binds the typed arguments of the group and customer controllers: the {@code {uuid}} of a path as a
 * {@link GroupId} or {@link CustomerId} (read as {@link PathUuid}), the query parameter records and the request
 * body records. Each is read and checked by its own type's rules and fails with the contract's DRF body (an
 * {@link org.orggroups.app.web.error.ApiException}, rendered as is), never with Spring's binding errors. Arguments are bound in the order the handler declares them, which is
 * the order the contract checks them in (e.g. a malformed uuid in the path is 404 before a malformed body is 400).
 */
@Configuration(proxyBeanMethods = false)
public class TypedArguments implements WebMvcConfigurer, HandlerMethodArgumentResolver {

    private static final Map<Class<?>, Function<HttpServletRequest, Object>> READERS = Map.of(
            GroupId.class, request -> new GroupId(PathUuid.of(request).value()),
            CustomerId.class, request -> new CustomerId(PathUuid.of(request).value()),
            GroupListParameters.class, GroupListParameters::read,
            CustomerListParameters.class, CustomerListParameters::read,
            AsOfParameter.class, AsOfParameter::read,
            OrganizationGroupRequest.class, request -> {
                ObjectNode body = RequestBodies.readObject(request);
                return new OrganizationGroupRequest(body.get("name"), body.get("parent"));
            },
            PatchedOrganizationGroupRequest.class, request -> {
                ObjectNode body = RequestBodies.readObject(request);
                return new PatchedOrganizationGroupRequest(body.get("name"), body.get("parent"));
            },
            CustomerRequest.class, request -> new CustomerRequest(RequestBodies.readObject(request).get("name")),
            PatchedCustomerRequest.class,
            request -> new PatchedCustomerRequest(RequestBodies.readObject(request).get("name")),
            OrganizationGroupsRequest.class, request ->
                    new OrganizationGroupsRequest(RequestBodies.readObject(request).get("organization_groups")));

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
