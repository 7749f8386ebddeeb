package org.orggroups.app.web;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.orggroups.api.customer.CreateCustomer;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.customer.DeleteCustomer;
import org.orggroups.api.customer.RenameCustomer;
import org.orggroups.api.customer.UpdateCustomerGroups;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.query.CustomerSummary;
import org.orggroups.api.query.FindCustomer;
import org.orggroups.api.query.ListCustomers;
import org.orggroups.api.query.Page;
import org.orggroups.api.query.PageRequest;
import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.error.ErrorBodies;
import org.orggroups.app.web.support.Hyperlinks;
import org.orggroups.app.web.support.JsonTypes;
import org.orggroups.app.web.support.Messaging;
import org.orggroups.app.web.support.Paging;
import org.orggroups.app.web.support.RequestBodies;
import org.orggroups.app.web.support.Uuids;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/customers/}: the customers this service keeps so that groups can count them, and their
 * memberships (API.md section 4).
 */
@RestController
public class CustomerController {

    private static final String LIST = "/api/customers";
    private static final String DETAIL = "/api/customers/{uuid}";
    private static final String GROUPS = DETAIL + "/update_organization_groups";
    private static final String FIELD_GROUPS = "organization_groups";

    private final Messaging messaging;

    public CustomerController(Messaging messaging) {
        this.messaging = messaging;
    }

    /**
     * Lists customers: {@code name}, {@code name_exact}, {@code o=name|-name}, {@code organization_group_uuid}
     * (repeatable: member of any), {@code organization_group_name} (icontains); paged.
     */
    @GetMapping({LIST, LIST + "/"})
    public ResponseEntity<List<Map<String, Object>>> list(HttpServletRequest request) {
        Set<GroupId> memberOf = new LinkedHashSet<>();
        String[] groupUuids = request.getParameterValues("organization_group_uuid");
        if (groupUuids != null) {
            for (String text : groupUuids) {
                if (!text.isEmpty()) {
                    memberOf.add(new GroupId(Uuids.parse(text.strip()).orElseThrow(() ->
                            ApiException.field("organization_group_uuid", "Enter a valid UUID."))));
                }
            }
        }
        boolean descending = GroupController.ordering(Paging.last(request, "o")).stream()
                .filter(term -> term.field() == org.orggroups.api.query.GroupSortField.NAME)
                .findFirst().map(term -> term.descending()).orElse(false);
        PageRequest pageRequest = Paging.pageRequest(request);
        Page<CustomerSummary> page = messaging.page(new ListCustomers(Paging.textFilter(request, "name"),
                Paging.textFilter(request, "name_exact"), memberOf,
                Paging.textFilter(request, "organization_group_name"), descending, pageRequest), CustomerSummary.class);
        String base = Hyperlinks.base();
        return Paging.respond(request, page, pageRequest.size(),
                page.items().stream().map(c -> Representations.customer(base, c)).toList());
    }

    /** Registers a customer: 201 with {@code Location}. */
    @PostMapping({LIST, LIST + "/"})
    public ResponseEntity<Map<String, Object>> create(HttpServletRequest request) {
        ObjectNode body = RequestBodies.readObject(request);
        String name = RequestBodies.name(body, "name", true).orElseThrow();
        CustomerId id = CustomerId.random();
        messaging.send(new CreateCustomer(id, name));
        String base = Hyperlinks.base();
        return ResponseEntity.status(HttpStatus.CREATED)
                .header(HttpHeaders.LOCATION, Hyperlinks.customer(base, id.uuid()))
                .body(Representations.customer(base, findOrFail(id)));
    }

    @GetMapping({DETAIL, DETAIL + "/"})
    public Map<String, Object> retrieve(@PathVariable String uuid) {
        return Representations.customer(Hyperlinks.base(), findOrFail(pathId(uuid)));
    }

    /** Renames (the name is the only writable field here). */
    @PutMapping({DETAIL, DETAIL + "/"})
    public Map<String, Object> replace(@PathVariable String uuid, HttpServletRequest request) {
        return update(pathId(uuid), request, true);
    }

    @PatchMapping({DETAIL, DETAIL + "/"})
    public Map<String, Object> partialUpdate(@PathVariable String uuid, HttpServletRequest request) {
        return update(pathId(uuid), request, false);
    }

    private Map<String, Object> update(CustomerId id, HttpServletRequest request, boolean nameRequired) {
        ObjectNode body = RequestBodies.readObject(request);
        if (RequestBodies.nameError(body, "name", nameRequired).isPresent()) {
            findOrFail(id); // DRF looks the object up before it validates
        }
        RequestBodies.name(body, "name", nameRequired)
                .ifPresent(name -> messaging.send(new RenameCustomer(id, name)));
        return Representations.customer(Hyperlinks.base(), findOrFail(id));
    }

    /** Deletes the customer; its memberships end. 204. */
    @DeleteMapping({DETAIL, DETAIL + "/"})
    public ResponseEntity<Void> destroy(@PathVariable String uuid) {
        messaging.send(new DeleteCustomer(pathId(uuid)));
        return ResponseEntity.noContent().build();
    }

    /**
     * Replaces the customer's whole set of groups with {@code {"organization_groups": [<group url>, ...]}}:
     * 200 with an empty body. Waldur answers 500 to a missing key; this answers 400.
     */
    @PostMapping({GROUPS, GROUPS + "/"})
    public ResponseEntity<Void> updateOrganizationGroups(@PathVariable String uuid, HttpServletRequest request) {
        CustomerId id = pathId(uuid);
        ObjectNode body = RequestBodies.readObject(request);
        JsonNode links = body.get(FIELD_GROUPS);
        ApiException invalid = null;
        Set<GroupId> groups = new LinkedHashSet<>();
        if (links == null || links.isNull()) {
            invalid = ApiException.field(FIELD_GROUPS, ErrorBodies.REQUIRED);
        } else if (!links.isArray()) {
            invalid = ApiException.field(FIELD_GROUPS,
                    "Expected a list of items but got type \"" + JsonTypes.pythonName(links) + "\".");
        } else {
            try {
                for (JsonNode link : links) {
                    groups.add(new GroupId(Hyperlinks.parseGroupItem(FIELD_GROUPS, link)));
                }
            } catch (ApiException e) {
                invalid = e;
            }
        }
        if (invalid != null) {
            findOrFail(id); // DRF looks the customer up before it validates
            throw invalid;
        }
        messaging.send(new UpdateCustomerGroups(id, groups));
        return ResponseEntity.ok().build();
    }

    private CustomerSummary findOrFail(CustomerId id) {
        return messaging.find(new FindCustomer(id), CustomerSummary.class).orElseThrow(ApiException::notFound);
    }

    private static CustomerId pathId(String uuid) {
        return new CustomerId(Uuids.parse(uuid).orElseThrow(ApiException::notFound));
    }
}
