package org.orggroups.app.web.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orggroups.app.support.IntegrationTest;
import org.orggroups.client.ApiClient;
import org.orggroups.client.ApiException;
import org.orggroups.client.ApiResponse;
import org.orggroups.client.api.CustomersApi;
import org.orggroups.client.api.HistoryApi;
import org.orggroups.client.api.MarketplaceProviderOfferingsApi;
import org.orggroups.client.api.MarketplacePublicOfferingsApi;
import org.orggroups.client.api.OrganizationGroupsApi;
import org.orggroups.client.model.Customer;
import org.orggroups.client.model.BaseProviderPlanRequest;
import org.orggroups.client.model.CustomerRequest;
import org.orggroups.client.model.OfferingCreateRequest;
import org.orggroups.client.model.OfferingOrderCheck;
import org.orggroups.client.model.OrganizationGroup;
import org.orggroups.client.model.OrganizationGroupRequest;
import org.orggroups.client.model.OrganizationGroupsRequest;
import org.orggroups.client.model.PatchedOrganizationGroupRequest;
import org.orggroups.client.model.ProviderOfferingDetails;
import org.orggroups.client.model.PublicOfferingDetails;
import org.orggroups.client.model.VersionHistory;

/**
 * A Java client generated from the committed {@code docs/openapi.json} by openapi-generator (the {@code java}
 * generator, {@code native} library, as the build configures it) drives the running service: the schema is true
 * enough for generated code to create, list, count, read, change and delete groups and customers and read a group's
 * history, and the values that come back are the contract's (API.md sections 3, 4 and 6). Only the generated
 * classes speak to the service here.
 */
class GeneratedClientIntegrationTest extends IntegrationTest {

    private static final String HEX_UUID = "[0-9a-f]{32}";

    private OrganizationGroupsApi groups;
    private CustomersApi customers;
    private HistoryApi history;
    private MarketplaceProviderOfferingsApi offerings;
    private MarketplacePublicOfferingsApi catalogue;

    @BeforeEach
    void generatedClient() {
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUrl());
        String token = adminToken();
        client.setRequestInterceptor(request -> request.header("Authorization", "Token " + token));
        groups = new OrganizationGroupsApi(client);
        customers = new CustomersApi(client);
        history = new HistoryApi(client);
        offerings = new MarketplaceProviderOfferingsApi(client);
        catalogue = new MarketplacePublicOfferingsApi(client);
    }

    @Test
    void generatedClientRestrictsOfferingsAndChecksOrders() throws Exception {
        OrganizationGroup unis = groups.organizationGroupsCreate(new OrganizationGroupRequest().name("Universities"));
        OrganizationGroup labs = groups.organizationGroupsCreate(new OrganizationGroupRequest().name("Labs"));
        Customer provider = customers.customersCreate(new CustomerRequest().name("Provider"));
        Customer member = customers.customersCreate(new CustomerRequest().name("Member"));
        customers.customersUpdateOrganizationGroups(member.getUuid(),
                new OrganizationGroupsRequest().organizationGroups(List.of(labs.getUrl())));

        ProviderOfferingDetails offering = offerings.marketplaceProviderOfferingsCreate(new OfferingCreateRequest()
                .name("Compute").customer(provider.getUrl())
                .plans(List.of(new BaseProviderPlanRequest().name("Basic")))
                .organizationGroups(List.of(unis.getUrl())));
        assertThat(offering.getUuid()).matches(HEX_UUID);
        assertThat(offering.getRestricted()).isTrue();
        assertThat(offering.getOrganizationGroups()).extracting(OrganizationGroup::getName)
                .containsExactly("Universities");
        assertThat(offering.getPlans()).hasSize(1);

        OfferingOrderCheck refused = offerings.marketplaceProviderOfferingsOrderCheckRetrieve(offering.getUuid(),
                member.getUuid(), null);
        assertThat(refused.getAllowed()).isFalse();
        assertThat(refused.getReason().getValue()).isEqualTo("not_in_offering_groups");

        offerings.marketplaceProviderOfferingsUpdateOrganizationGroups(offering.getUuid(),
                new OrganizationGroupsRequest().organizationGroups(List.of(labs.getUrl())));
        OfferingOrderCheck granted = offerings.marketplaceProviderOfferingsOrderCheckRetrieve(offering.getUuid(),
                member.getUuid(), offering.getPlans().get(0).getUuid());
        assertThat(granted.getAllowed()).isTrue();
        assertThat(granted.getOffering().getGrantedBy()).extracting(g -> g.getName()).containsExactly("Labs");
        assertThat(granted.getPlan().getAllowed()).isTrue();

        List<PublicOfferingDetails> forMember = catalogue.marketplacePublicOfferingsList(null, null, null, null,
                member.getUuid(), null, null, null, null, null);
        assertThat(forMember).extracting(PublicOfferingDetails::getUuid).containsExactly(offering.getUuid());
        assertThat(catalogue.marketplacePublicOfferingsList(null, null, null, null, provider.getUuid(), null, null,
                null, null, null)).isEmpty();
    }

    @Test
    void generatedClientCreatesListsAndReadsGroups() throws ApiException {
        OrganizationGroup nordic = groups.organizationGroupsCreate(new OrganizationGroupRequest().name("Nordic"));
        assertThat(nordic.getUuid()).matches(HEX_UUID);
        assertThat(nordic.getUrl()).isEqualTo(URI.create(baseUrl() + "/api/organization-groups/" + nordic.getUuid() + "/"));
        assertThat(nordic.getName()).isEqualTo("Nordic");
        assertThat(nordic.getParent()).isNull();
        assertThat(nordic.getParentUuid()).isNull();
        assertThat(nordic.getParentName()).isNull();
        assertThat(nordic.getCustomersCount()).isZero();

        ApiResponse<OrganizationGroup> created = groups.organizationGroupsCreateWithHttpInfo(
                new OrganizationGroupRequest().name("Finland").parent(nordic.getUrl()));
        assertThat(created.getStatusCode()).isEqualTo(201);
        OrganizationGroup finland = created.getData();
        assertThat(created.getHeaders().get("location")).containsExactly(finland.getUrl().toString());
        assertThat(finland.getParent()).isEqualTo(nordic.getUrl());
        assertThat(finland.getParentUuid()).isEqualTo(nordic.getUuid());
        assertThat(finland.getParentName()).isEqualTo("Nordic");
        OrganizationGroup sweden = groups.organizationGroupsCreate(
                new OrganizationGroupRequest().name("Sweden").parent(nordic.getUrl()));
        groups.organizationGroupsCreate(new OrganizationGroupRequest().name("Baltic"));

        assertThat(names(groups.organizationGroupsList(null, null, "fin", null, null, null, null))).containsExactly("Finland");
        assertThat(names(groups.organizationGroupsList(null, nordic.getUuid(), null, null, null, null, null)))
                .containsExactly("Finland", "Sweden");
        assertThat(names(groups.organizationGroupsList(null, null, null, null, List.of("-name"), null, null)))
                .containsExactly("Sweden", "Nordic", "Finland", "Baltic");
        ApiResponse<List<OrganizationGroup>> page = groups.organizationGroupsListWithHttpInfo(
                null, null, null, null, List.of("name"), 2, 2);
        assertThat(names(page.getData())).containsExactly("Nordic", "Sweden");
        assertThat(page.getHeaders().get("x-result-count")).containsExactly("4");
        assertThat(page.getHeaders().get("link").get(0)).contains("rel=\"first\"").contains("rel=\"prev\"")
                .doesNotContain("rel=\"next\"");

        ApiResponse<Void> count = groups.organizationGroupsCountWithHttpInfo(
                null, nordic.getUuid(), null, null, null, null, null);
        assertThat(count.getStatusCode()).isEqualTo(200);
        assertThat(count.getHeaders().get("x-result-count")).containsExactly("2");

        OrganizationGroup read = groups.organizationGroupsRetrieve(finland.getUuid(), null);
        assertThat(read).isEqualTo(finland);
    }

    @Test
    void generatedClientUpdatesGroupsAndSeesTheRefusedCycle() throws Exception {
        OrganizationGroup nordic = groups.organizationGroupsCreate(new OrganizationGroupRequest().name("Nordic"));
        OrganizationGroup finland = groups.organizationGroupsCreate(
                new OrganizationGroupRequest().name("Finland").parent(nordic.getUrl()));

        OrganizationGroup suomi = groups.organizationGroupsUpdate(finland.getUuid(),
                new OrganizationGroupRequest().name("Suomi").parent(nordic.getUrl()), null);
        assertThat(suomi.getName()).isEqualTo("Suomi");
        assertThat(suomi.getParentUuid()).isEqualTo(nordic.getUuid());

        OrganizationGroup renamed = groups.organizationGroupsPartialUpdate(nordic.getUuid(), null,
                new PatchedOrganizationGroupRequest().name("Norden"));
        assertThat(renamed.getName()).isEqualTo("Norden");
        assertThat(renamed.getParent()).isNull();
        assertThat(groups.organizationGroupsRetrieve(suomi.getUuid(), null).getParentName()).isEqualTo("Norden");

        ApiException cycle = catchThrowableOfType(ApiException.class, () -> groups.organizationGroupsPartialUpdate(
                nordic.getUuid(), null, new PatchedOrganizationGroupRequest().parent(suomi.getUrl())));
        assertThat(cycle.getCode()).isEqualTo(400);
        assertThat(JSON.readTree(cycle.getResponseBody())).isEqualTo(JSON.readTree(
                "{\"parent\":[\"Organization group cannot be moved under its own descendant.\"]}"));
        assertThat(groups.organizationGroupsRetrieve(nordic.getUuid(), null).getParent()).isNull();
    }

    @Test
    void generatedClientManagesCustomersTheirGroupsHistoryAndDeletes() throws Exception {
        OrganizationGroup nordic = groups.organizationGroupsCreate(new OrganizationGroupRequest().name("Nordic"));
        OrganizationGroup finland = groups.organizationGroupsCreate(
                new OrganizationGroupRequest().name("Finland").parent(nordic.getUrl()));
        OrganizationGroup sweden = groups.organizationGroupsCreate(
                new OrganizationGroupRequest().name("Sweden").parent(nordic.getUrl()));

        Customer aalto = customers.customersCreate(new CustomerRequest().name("Aalto"));
        assertThat(aalto.getUuid()).matches(HEX_UUID);
        assertThat(aalto.getUrl()).isEqualTo(URI.create(baseUrl() + "/api/customers/" + aalto.getUuid() + "/"));
        assertThat(aalto.getOrganizationGroups()).isEmpty();

        ApiResponse<Void> joined = customers.customersUpdateOrganizationGroupsWithHttpInfo(aalto.getUuid(),
                new OrganizationGroupsRequest().organizationGroups(List.of(sweden.getUrl(), finland.getUrl())));
        assertThat(joined.getStatusCode()).isEqualTo(200);
        Customer member = customers.customersRetrieve(aalto.getUuid());
        assertThat(names(member.getOrganizationGroups())).containsExactly("Finland", "Sweden");
        assertThat(member.getOrganizationGroups().get(0).getCustomersCount()).isEqualTo(1);
        assertThat(customers.customersList(List.of(finland.getUuid()), null, null, null, null, null, null))
                .extracting(Customer::getName).containsExactly("Aalto");
        assertThat(groups.organizationGroupsRetrieve(finland.getUuid(), null).getCustomersCount()).isEqualTo(1);

        groups.organizationGroupsPartialUpdate(finland.getUuid(), null,
                new PatchedOrganizationGroupRequest().name("Suomi"));
        List<VersionHistory> versions = history.organizationGroupsHistoryList(finland.getUuid(), null, null, null, null);
        assertThat(versions).extracting(VersionHistory::getRevisionComment)
                .containsExactly("Renamed from \"Finland\" to \"Suomi\"", "Created \"Finland\" under \"Nordic\"");
        JsonNode latest = JSON.valueToTree(versions.get(0).getSerializedData());
        assertThat(latest.path("name").asText()).isEqualTo("Suomi");
        assertThat(versions.get(0).getRevisionUser().getUsername()).isEqualTo(ADMIN_USERNAME);

        ApiResponse<Void> deleted = groups.organizationGroupsDestroyWithHttpInfo(nordic.getUuid(), null);
        assertThat(deleted.getStatusCode()).isEqualTo(204);
        ApiException gone = catchThrowableOfType(ApiException.class,
                () -> groups.organizationGroupsRetrieve(finland.getUuid(), null));
        assertThat(gone.getCode()).isEqualTo(404);
        assertThat(JSON.readTree(gone.getResponseBody())).isEqualTo(JSON.readTree("{\"detail\":\"Not found.\"}"));
        assertThat(customers.customersRetrieve(aalto.getUuid()).getOrganizationGroups()).isEmpty();
    }

    private static List<String> names(List<OrganizationGroup> page) {
        return page.stream().map(OrganizationGroup::getName).toList();
    }
}
