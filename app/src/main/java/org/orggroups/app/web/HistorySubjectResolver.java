package org.orggroups.app.web;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.query.CustomerVersion;
import org.orggroups.api.query.FindCustomerVersion;
import org.orggroups.api.query.FindGroupVersion;
import org.orggroups.api.query.GroupVersion;
import org.orggroups.app.web.binding.LookupArgumentResolver;
import org.orggroups.app.web.binding.PathUuid;
import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.support.Messaging;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves {@link HistorySubject.Group} and {@link HistorySubject.Customer} from the {@code {uuid}} path variable.
 *
 * <p>404 {@code {"detail":"Not found."}} for a malformed uuid and for a uuid with no event of that kind of resource
 * (a customer's uuid under {@code /api/organization-groups/} too): API.md section 6.
 */
@Component
class HistorySubjectResolver implements LookupArgumentResolver {

    private final Messaging messaging;

    HistorySubjectResolver(Messaging messaging) {
        this.messaging = messaging;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        return type == HistorySubject.Group.class || type == HistorySubject.Customer.class;
    }

    /** @throws ApiException 404 {@code {"detail":"Not found."}} for a malformed uuid or one without events */
    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        UUID uuid = PathUuid.of(webRequest.getNativeRequest(HttpServletRequest.class)).value();
        if (parameter.getParameterType() == HistorySubject.Group.class) {
            GroupId id = new GroupId(uuid);
            messaging.find(new FindGroupVersion(id, null), GroupVersion.class).orElseThrow(ApiException::notFound);
            return new HistorySubject.Group(id);
        }
        CustomerId id = new CustomerId(uuid);
        messaging.find(new FindCustomerVersion(id, null), CustomerVersion.class).orElseThrow(ApiException::notFound);
        return new HistorySubject.Customer(id);
    }
}
