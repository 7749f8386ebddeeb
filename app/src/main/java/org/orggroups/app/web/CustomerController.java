package org.orggroups.app.web;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.orggroups.api.customer.CreateCustomer;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.customer.DeleteCustomer;
import org.orggroups.api.customer.RenameCustomer;
import org.orggroups.api.customer.UpdateCustomerGroups;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.query.CustomerSummary;
import org.orggroups.api.query.CustomerVersion;
import org.orggroups.api.query.FindCustomer;
import org.orggroups.api.query.FindCustomerVersion;
import org.orggroups.api.query.Page;
import org.orggroups.app.web.binding.UuidPathParameter;
import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.schema.ApiResponsesFor;
import org.orggroups.app.web.schema.ApiSchema;
import org.orggroups.app.web.schema.OpenList;
import org.orggroups.app.web.schema.OpenListCount;
import org.orggroups.app.web.schema.ResponseHeader;
import org.orggroups.app.web.support.Hyperlinks;
import org.orggroups.app.web.support.Messaging;
import org.orggroups.app.web.support.Paging;
import org.orggroups.app.web.support.RequestBodies;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/customers/}: the customers this service keeps so that groups can count them, and their
 * memberships (API.md section 4). Typed as {@link GroupController} is; operation ids are Waldur's.
 */
@RestController
@Tag(name = "customers")
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
     * Lists customers: one page, with {@code X-Result-Count} and {@code Link}.
     *
     * @throws ApiException 400 for a bad {@code organization_group_uuid} or text filter; 404 for a bad page
     */
    @Operation(operationId = "customers_list", summary = "List customers")
    @OpenList
    @GetMapping({LIST, LIST + "/"})
    public ResponseEntity<List<Customer>> list(@ParameterObject CustomerListParameters parameters) {
        Page<CustomerSummary> page = messaging.page(parameters.query(), CustomerSummary.class);
        String base = Hyperlinks.base();
        return Paging.respond(page, parameters.pageSize(),
                page.items().stream().map(c -> Representations.customerOf(base, c)).toList());
    }

    /** The HEAD of the list: the status and headers of {@link #list}, no body (Waldur's "count" operation). */
    @Operation(operationId = "customers_count", summary = "Count customers",
            description = "Get number of items in the collection matching the request parameters.")
    @OpenListCount
    @RequestMapping(method = RequestMethod.HEAD, path = {LIST, LIST + "/"})
    public ResponseEntity<List<Customer>> count(@ParameterObject CustomerListParameters parameters) {
        return list(parameters);
    }

    /**
     * Registers a customer: 201 with {@code Location}.
     *
     * @throws ApiException 400 {@code {"name": [...]}}
     */
    @Operation(operationId = "customers_create", summary = "Create a customer")
    @SecurityRequirement(name = ApiSchema.TOKEN)
    @ApiResponsesFor(status = 201, headers = ResponseHeader.LOCATION, errors = {400, 401, 403, 409, 413})
    @PostMapping({LIST, LIST + "/"})
    public ResponseEntity<Customer> create(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true) CustomerRequest body) {
        String name = RequestBodies.name(body.json(), "name", true).orElseThrow();
        CustomerId id = CustomerId.random();
        messaging.send(new CreateCustomer(id, name));
        String base = Hyperlinks.base();
        return ResponseEntity.status(HttpStatus.CREATED)
                .header(HttpHeaders.LOCATION, Hyperlinks.customer(base, id.uuid()))
                .body(Representations.customerOf(base, written(id)));
    }

    /** @throws ApiException 404 for an unknown, deleted or malformed uuid */
    @Operation(operationId = "customers_retrieve", summary = "Retrieve a customer")
    @ApiResponsesFor(status = 200, errors = {401, 404})
    @GetMapping({DETAIL, DETAIL + "/"})
    public Customer retrieve(@UuidPathParameter CustomerId id) {
        return Representations.customerOf(Hyperlinks.base(), findOrFail(id));
    }

    /**
     * Renames (the name is the only writable field here).
     *
     * @throws ApiException 404 before 400 (DRF looks the customer up first)
     */
    @Operation(operationId = "customers_update", summary = "Update a customer")
    @SecurityRequirement(name = ApiSchema.TOKEN)
    @ApiResponsesFor(status = 200, errors = {400, 401, 403, 404, 409, 413})
    @PutMapping({DETAIL, DETAIL + "/"})
    public Customer update(@UuidPathParameter CustomerId id,
                           @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true) CustomerRequest body) {
        return rename(id, body.json(), true);
    }

    /**
     * Renames when {@code name} is sent.
     *
     * @throws ApiException as {@link #update}
     */
    @Operation(operationId = "customers_partial_update", summary = "Partially update a customer")
    @SecurityRequirement(name = ApiSchema.TOKEN)
    @ApiResponsesFor(status = 200, errors = {400, 401, 403, 404, 409, 413})
    @PatchMapping({DETAIL, DETAIL + "/"})
    public Customer partialUpdate(@UuidPathParameter CustomerId id,
                                  @io.swagger.v3.oas.annotations.parameters.RequestBody PatchedCustomerRequest body) {
        return rename(id, body.json(), false);
    }

    private Customer rename(CustomerId id, ObjectNode json, boolean nameRequired) {
        if (RequestBodies.nameError(json, "name", nameRequired).isPresent()) {
            findOrFail(id); // DRF looks the object up before it validates
        }
        Optional<String> name = RequestBodies.name(json, "name", nameRequired);
        name.ifPresent(n -> messaging.send(new RenameCustomer(id, n)));
        // Only a rename that was stored is answered from history once the customer is gone; without one, a deleted
        // customer is 404 as on any read.
        return Representations.customerOf(Hyperlinks.base(), name.isPresent() ? written(id) : findOrFail(id));
    }

    /**
     * Deletes the customer; its memberships end. 204.
     *
     * @throws ApiException 404 for an unknown customer
     */
    @Operation(operationId = "customers_destroy", summary = "Delete a customer")
    @SecurityRequirement(name = ApiSchema.TOKEN)
    @ApiResponsesFor(status = 204, noBody = true, errors = {401, 403, 404, 409})
    @DeleteMapping({DETAIL, DETAIL + "/"})
    public ResponseEntity<Void> destroy(@UuidPathParameter CustomerId id) {
        messaging.send(new DeleteCustomer(id));
        return ResponseEntity.noContent().build();
    }

    /**
     * Replaces the customer's whole set of groups with {@code {"organization_groups": [<group url>, ...]}}:
     * 200 with an empty body.
     *
     * @throws ApiException 404 before 400 (DRF looks the customer up first); 400 {@code {"organization_groups":
     *                      ["This field is required."]}} for a missing key or {@code null} (Waldur answers 500: a
     *                      bug), {@code ["Expected a list of items but got type \"<type>\"."]} for a non-list, or
     *                      an item's hyperlink error
     */
    @Operation(operationId = "customers_update_organization_groups",
            summary = "Update organization groups for a customer")
    @SecurityRequirement(name = ApiSchema.TOKEN)
    @ApiResponsesFor(status = 200, noBody = true, errors = {400, 401, 403, 404, 409, 413})
    @PostMapping({GROUPS, GROUPS + "/"})
    public ResponseEntity<Void> updateOrganizationGroups(
            @UuidPathParameter CustomerId id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true) OrganizationGroupsRequest body) {
        Set<GroupId> groups = new LinkedHashSet<>();
        try {
            Hyperlinks.parseGroupList(FIELD_GROUPS, body.organizationGroups()).forEach(g -> groups.add(new GroupId(g)));
        } catch (ApiException invalid) {
            findOrFail(id); // DRF looks the customer up before it validates
            throw invalid;
        }
        messaging.send(new UpdateCustomerGroups(id, groups));
        return ResponseEntity.ok().build();
    }

    /** The customer right after this request's command was stored ({@link Messaging#written}). */
    private CustomerSummary written(CustomerId id) {
        return messaging.written(new FindCustomer(id), CustomerSummary.class, new FindCustomerVersion(id, null),
                CustomerVersion.class, CustomerVersion::state);
    }

    private CustomerSummary findOrFail(CustomerId id) {
        return messaging.find(new FindCustomer(id), CustomerSummary.class).orElseThrow(ApiException::notFound);
    }
}
