package org.orggroups.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Request bodies of {@code POST}, {@code PUT} and {@code PATCH /api/organization-groups/} (API.md section 3,
 * "Request bodies"): every error of {@code name} and {@code parent} with DRF's exact texts, several at once,
 * ignored keys, malformed and oversized bodies. Every refused request must leave everything as it was.
 */
class GroupRequestValidationIntegrationTest extends WebIntegrationTest {

    private static final String BLANK = "This field may not be blank.";
    private static final String NULL = "This field may not be null.";
    private static final String NOT_A_STRING = "Not a valid string.";
    private static final String TOO_LONG = "Ensure this field has no more than 150 characters.";
    private static final String GRINNING_FACE = "\uD83D\uDE00";

    /**
     * Sends the body (JSON text) to create a root, to replace and to partially update a group, and asserts that
     * each answers 400 with the expected errors and that nothing changed.
     */
    private void assertRefusedEverywhere(String body, Object expected) {
        String uuid = newGroup("Existing");
        String before = state();
        assertResponse(call("POST", GROUPS, adminToken(), body), 400, expected);
        assertResponse(call("PUT", groupPath(uuid), adminToken(), body), 400, expected);
        assertResponse(call("PATCH", groupPath(uuid), adminToken(), body), 400, expected);
        assertThat(state()).as("state after refusing %s", body).isEqualTo(before);
        assertThat(delete(groupPath(uuid)).status()).isEqualTo(204);
    }

    private String createdName(Object name) {
        Response created = post(GROUPS, fields("name", name));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("name").asText();
    }

    // ---- name

    @Test
    void missingNameIsRequiredOnPostAndPut() {
        String uuid = newGroup("Existing");
        String before = state();

        assertResponse(post(GROUPS, Map.of()), 400, fieldErrors("name", REQUIRED));
        assertResponse(call("POST", GROUPS, adminToken(), ""), 400, fieldErrors("name", REQUIRED));
        assertResponse(put(groupPath(uuid), Map.of()), 400, fieldErrors("name", REQUIRED));
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void blankNamesAreRefused() {
        for (String blank : List.of("", " ", " \t\r\n ", "\u00A0\u2007\u202F\u3000\u0085")) {
            assertRefusedEverywhere(json(Map.of("name", blank)), fieldErrors("name", BLANK));
        }
    }

    @Test
    void nullNameIsRefused() {
        assertRefusedEverywhere("{\"name\": null}", fieldErrors("name", NULL));
    }

    @Test
    void namesThatAreNotStringsOrNumbersAreRefused() {
        for (String value : List.of("true", "false", "{}", "{\"a\": \"b\"}", "[]", "[\"a\"]")) {
            assertRefusedEverywhere("{\"name\": " + value + "}", fieldErrors("name", NOT_A_STRING));
        }
    }

    @Test
    void numberIsTakenAsItsText() {
        assertThat(createdName(12)).isEqualTo("12");
        assertThat(createdName(-3)).isEqualTo("-3");
        assertThat(createdName(12.5)).isEqualTo("12.5");
        Response created = call("POST", GROUPS, adminToken(), "{\"name\": 12345678901234567890}");
        assertThat(created.json().path("name").asText()).isEqualTo("12345678901234567890");
    }

    @Test
    void aNumberOfThousandsOfDigitsIsANameTooLong() {
        // Python's json reads integers of up to 4,300 digits, and str() of one is that long
        assertRefusedEverywhere("{\"name\": " + "9".repeat(4300) + "}", fieldErrors("name", TOO_LONG));
        Response created = call("POST", GROUPS, adminToken(), "{\"name\": 0." + "1".repeat(4000) + "e3}");
        assertThat(created.json().path("name").asText()).isEqualTo("111.11111111111111");
    }

    @Test
    void nameIsTrimmed() {
        assertThat(createdName("  Padded \t\n")).isEqualTo("Padded");
        // Python's strip, as DRF uses it, also removes no-break spaces
        assertThat(createdName("\u00A0Inner  space\u202F")).isEqualTo("Inner  space");
        String uuid = newGroup("Group");
        assertResponse(patch(groupPath(uuid), Map.of("name", " Renamed ")), 200, group(uuid, "Renamed", null, null, 0));
    }

    @Test
    void nameOf150CodePointsIsAcceptedAnd151Refused() {
        assertThat(createdName("a".repeat(150))).isEqualTo("a".repeat(150));
        assertThat(createdName("  " + "b".repeat(150) + "  ")).isEqualTo("b".repeat(150));
        assertRefusedEverywhere(json(Map.of("name", "c".repeat(151))), fieldErrors("name", TOO_LONG));
        // 151 code points are 302 UTF-16 units: length counts code points
        assertRefusedEverywhere(json(Map.of("name", GRINNING_FACE.repeat(151))), fieldErrors("name", TOO_LONG));
    }

    @Test
    void nameOf150AstralCodePointsIsAccepted() {
        String name = GRINNING_FACE.repeat(150);

        Response created = post(GROUPS, Map.of("name", name));

        assertResponse(created, 201, group(created.json().path("uuid").asText(), name, null, null, 0));
        assertThat(newCustomer(name)).matches(HEX_UUID);
    }

    @Test
    void nullCharactersAndLoneSurrogatesAreRefused() {
        assertRefusedEverywhere("{\"name\": \"a\\u0000b\"}", fieldErrors("name", "Null characters are not allowed."));
        assertRefusedEverywhere("{\"name\": \"a\\ud800b\"}",
                fieldErrors("name", "Surrogate characters are not allowed: U+D800."));
    }

    // ---- parent

    @Test
    void parentThatIsNotAStringIsRefusedNamingItsPythonType() {
        Map<String, String> types = Map.of("1", "int", "-1", "int", "1.5", "float", "true", "bool",
                "[]", "list", "[\"x\"]", "list", "{}", "dict", "{\"url\": \"x\"}", "dict");
        types.forEach((value, type) -> assertRefusedEverywhere("{\"name\": \"Child\", \"parent\": " + value + "}",
                fieldErrors("parent", "Incorrect type. Expected URL string, received " + type + ".")));
    }

    @Test
    void linkToAnotherResourceIsAnIncorrectUrlMatch() {
        String customer = newCustomer("Customer");
        String group = newGroup("Group");
        for (String link : List.of(baseUrl() + customerPath(customer), customerPath(customer), CUSTOMERS, GROUPS,
                "https://other.example" + GROUPS, "/api/users/", groupPath(group) + "history/",
                membershipPath(customer))) {
            assertRefusedEverywhere(json(Map.of("name", "Child", "parent", link)),
                    fieldErrors("parent", INCORRECT_URL_MATCH));
        }
    }

    @Test
    void linkMatchingNoRouteIsRefused() {
        String group = newGroup("Group");
        for (String link : List.of("foo", "   ", "http://example.org/", "http://example.org/api/things/1/",
                groupPath(group) + "members/", "/prefix" + groupPath(group), "not a url at all")) {
            assertRefusedEverywhere(json(Map.of("name", "Child", "parent", link)), fieldErrors("parent", NO_URL_MATCH));
        }
    }

    @Test
    void linkToAGroupThatDoesNotExistIsRefused() {
        String gone = newGroup("Gone");
        delete(groupPath(gone));
        for (String link : List.of(groupUrl(gone), gone, groupUrl(unknownUuid()), groupPath(unknownUuid()),
                unknownUuid(), GROUPS + "zzz/")) {
            assertRefusedEverywhere(json(Map.of("name", "Child", "parent", link)),
                    fieldErrors("parent", OBJECT_DOES_NOT_EXIST));
        }
    }

    @Test
    void parentMayBeAnyAbsoluteUrlABarePathOrABareUuidInAnyForm() {
        String root = newGroup("Root");
        for (String link : List.of(groupUrl(root), "https://elsewhere.example:9443" + groupPath(root),
                groupPath(root), groupPath(dashedUpper(root)), baseUrl() + groupPath(root.toUpperCase()),
                root, root.toUpperCase(), dashedUpper(root), dashedUpper(root).toLowerCase())) {
            Response created = post(GROUPS, Map.of("name", "Child", "parent", link));
            assertResponse(created, 201, group(created.json().path("uuid").asText(), "Child", root, "Root", 0));
        }
        assertThat(get(GROUPS + "?parent=" + root).header("X-Result-Count")).isEqualTo("9");
    }

    @Test
    void nullOrEmptyParentMakesARoot() {
        Response withNull = post(GROUPS, fields("name", "A", "parent", null));
        assertResponse(withNull, 201, group(withNull.json().path("uuid").asText(), "A", null, null, 0));
        Response withEmpty = post(GROUPS, fields("name", "B", "parent", ""));
        assertResponse(withEmpty, 201, group(withEmpty.json().path("uuid").asText(), "B", null, null, 0));
    }

    // ---- whole bodies

    @Test
    void everyFieldErrorIsReportedAtOnce() {
        String gone = newGroup("Gone");
        delete(groupPath(gone));

        assertRefusedEverywhere("{\"name\": \"\", \"parent\": 5}",
                fieldErrors("name", BLANK, "parent", "Incorrect type. Expected URL string, received int."));
        assertRefusedEverywhere("{\"name\": null, \"parent\": \"foo\"}",
                fieldErrors("name", NULL, "parent", NO_URL_MATCH));
        assertRefusedEverywhere(json(Map.of("name", " ", "parent", groupUrl(gone))),
                fieldErrors("name", BLANK, "parent", OBJECT_DOES_NOT_EXIST));
        String uuid = newGroup("Existing");
        assertResponse(post(GROUPS, Map.of("parent", "/api/customers/")), 400,
                fieldErrors("name", REQUIRED, "parent", INCORRECT_URL_MATCH));
        assertResponse(put(groupPath(uuid), Map.of("parent", true)), 400,
                fieldErrors("name", REQUIRED, "parent", "Incorrect type. Expected URL string, received bool."));
    }

    @Test
    void unknownAndReadOnlyKeysAreIgnoredOnCreate() {
        String other = newGroup("Other");
        String taken = unknownUuid();

        Response created = post(GROUPS, fields("uuid", taken, "url", groupUrl(other), "name", "New",
                "parent_uuid", other, "parent_name", "Other", "customers_count", 5, "extra", List.of(1)));

        String uuid = created.json().path("uuid").asText();
        assertResponse(created, 201, group(uuid, "New", null, null, 0));
        assertThat(uuid).isNotEqualTo(taken);
    }

    @Test
    void malformedJsonIsABadRequest() {
        String uuid = newGroup("Existing");
        String before = state();
        for (String body : List.of("{", "{\"name\": }", "{\"name\": \"x\",}", "nul", "{\"name\": \"x\"} trailing")) {
            for (Response response : List.of(call("POST", GROUPS, adminToken(), body),
                    call("PATCH", groupPath(uuid), adminToken(), body))) {
                assertThat(response.status()).as("%s", body).isEqualTo(400);
                assertThat(response.json().size()).isEqualTo(1);
                assertThat(response.json().path("detail").asText()).startsWith("JSON parse error - ");
            }
        }
        assertThat(state()).isEqualTo(before);
    }

    /**
     * Data after the first value is refused in the words of Python's {@code json.loads} (the expected texts are
     * Python 3's), and a limit's reason does not name the parser's settings.
     */
    @Test
    void extraDataAndLimitsAreWordedWithoutTheParsersNames() {
        String before = state();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("{\"name\": \"x\"} trailing", "Extra data: line 1 column 15 (char 14)");
        details.put("{\"name\":\"a\"}\n{}", "Extra data: line 2 column 1 (char 13)");
        details.put("{\"name\":\"\u00e9\"} x", "Extra data: line 1 column 14 (char 13)");
        details.put("{\"name\":\"a\"}  \r\n  ]", "Extra data: line 2 column 3 (char 18)");
        details.put("[".repeat(1001) + "]".repeat(1001),
                "Document nesting depth (1001) exceeds the maximum allowed (1000)");
        details.put("{\"name\": " + "1".repeat(4301) + "}",
                "Number value length (4301) exceeds the maximum allowed (4300)");
        details.forEach((body, detail) -> {
            Response response = call("POST", GROUPS, adminToken(), body);
            assertThat(response.status()).as(detail).isEqualTo(400);
            assertThat(response.json().path("detail").asText()).isEqualTo("JSON parse error - " + detail);
        });
        assertThat(state()).isEqualTo(before);
        // JSON whitespace around the value is not extra data
        assertThat(call("POST", GROUPS, adminToken(), " {\"name\": \"Blanks around\"} \r\n\t ").status())
                .isEqualTo(201);
    }

    @Test
    void bodyThatIsNotAnObjectIsRefusedNamingItsType() {
        Map<String, String> types = Map.of("[]", "list", "[{\"name\": \"x\"}]", "list", "\"x\"", "str",
                "1", "int", "1.5", "float", "true", "bool");
        types.forEach((body, type) -> assertRefusedEverywhere(body,
                fieldErrors("non_field_errors", "Invalid data. Expected a dictionary, but got " + type + ".")));
    }

    @Test
    void bodyOverOneMebibyteIsRefusedWith413AndNothingIsStored() {
        String uuid = newGroup("Existing");
        String before = state();
        String prefix = "{\"name\": \"";
        String suffix = "\"}";
        int mebibyte = 1024 * 1024;
        String tooLarge = prefix + "x".repeat(mebibyte + 1 - prefix.length() - suffix.length()) + suffix;
        assertThat(tooLarge.getBytes(StandardCharsets.UTF_8)).hasSize(mebibyte + 1);

        assertResponse(call("POST", GROUPS, adminToken(), tooLarge), 413, detail("Request body too large."));
        assertResponse(call("PUT", groupPath(uuid), adminToken(), tooLarge), 413, detail("Request body too large."));
        assertResponse(call("PATCH", groupPath(uuid), adminToken(), tooLarge), 413, detail("Request body too large."));
        assertThat(state()).isEqualTo(before);

        // exactly 1 MiB is read, and refused for what it says
        String atLimit = prefix + "x".repeat(mebibyte - prefix.length() - suffix.length()) + suffix;
        assertResponse(call("POST", GROUPS, adminToken(), atLimit), 400, fieldErrors("name", TOO_LONG));
        assertThat(state()).isEqualTo(before);
    }
}
