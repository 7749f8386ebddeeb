package org.orggroups.app.web.support;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Names of JSON value types as Waldur's Python stack prints them in error messages (API.md section 1):
 * {@code int}, {@code float}, {@code bool}, {@code str}, {@code list}, {@code dict}, {@code NoneType}.
 */
public final class JsonTypes {

    private JsonTypes() {
    }

    /** @return the Python type name of a parsed JSON value */
    public static String pythonName(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "NoneType";
        }
        if (value.isBoolean()) {
            return "bool";
        }
        if (value.isIntegralNumber()) {
            return "int";
        }
        if (value.isNumber()) {
            return "float";
        }
        if (value.isTextual()) {
            return "str";
        }
        if (value.isArray()) {
            return "list";
        }
        return "dict";
    }
}
