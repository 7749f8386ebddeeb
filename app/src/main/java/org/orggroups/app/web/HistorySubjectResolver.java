package org.orggroups.app.web;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.query.CustomerVersion;
import org.orggroups.api.query.FindCustomerVersion;
import org.orggroups.api.query.FindGroupVersion;
import org.orggroups.api.query.GroupVersion;
import org.orggroups.api.query.PageRequest;
import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.offering.PlanId;
import org.orggroups.api.query.offering.FindPlanOffering;
import org.orggroups.api.query.offering.ListOfferingHistory;
import org.orggroups.api.query.offering.OfferingVersion;
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
 * Resolves the {@link HistorySubject}s from the {@code {uuid}} path variable.
 *
 * <p>404 {@code {"detail":"Not found."}} for a malformed uuid and for a uuid with no event of that kind of resource
 * (a customer's uuid under {@code /api/organization-groups/} too): API.md section 6, and section 12 for offerings and
 * plans.
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
        return type == HistorySubject.Group.class || type == HistorySubject.Customer.class
                || type == HistorySubject.Offering.class || type == HistorySubject.Plan.class;
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
        if (parameter.getParameterType() == HistorySubject.Offering.class) {
            OfferingId id = new OfferingId(uuid);
            if (messaging.page(new ListOfferingHistory(id, null, null, null, new PageRequest(1, 1)),
                    OfferingVersion.class).total() == 0) {
                throw ApiException.notFound();
            }
            return new HistorySubject.Offering(id);
        }
        if (parameter.getParameterType() == HistorySubject.Plan.class) {
            PlanId id = new PlanId(uuid);
            // the plan's offering, deleted ones included, so that a deleted plan keeps its history
            OfferingId offering = messaging.find(new FindPlanOffering(id), OfferingId.class)
                    .orElseThrow(ApiException::notFound);
            return new HistorySubject.Plan(offering, id);
        }
        CustomerId id = new CustomerId(uuid);
        messaging.find(new FindCustomerVersion(id, null), CustomerVersion.class).orElseThrow(ApiException::notFound);
        return new HistorySubject.Customer(id);
    }
}
