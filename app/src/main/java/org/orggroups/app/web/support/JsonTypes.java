package org.orggroups.app.web.support;

import java.math.BigDecimal;

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

    /**
     * A JSON string or number as the text DRF's {@code CharField} makes of it: Python's {@code str()} of the
     * parsed value, so {@code 12} is {@code "12"}, {@code 1E5} is {@code "100000.0"}, {@code 1e300} is
     * {@code "1e+300"} and {@code 1e999} is {@code "inf"}.
     *
     * @param value a textual or numeric JSON value
     * @return its text
     */
    public static String pythonText(JsonNode value) {
        if (!value.isNumber()) {
            return value.asText();
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        return pythonFloat(value.doubleValue());
    }

    /** Python's {@code repr} of a float: positional from 1e-4 to below 1e16, else {@code d.ddde+XX}. */
    static String pythonFloat(double number) {
        if (Double.isInfinite(number)) {
            return number > 0 ? "inf" : "-inf";
        }
        if (number == 0) {
            return 1 / number < 0 ? "-0.0" : "0.0";
        }
        BigDecimal decimal = new BigDecimal(Double.toString(number)).stripTrailingZeros();
        String digits = decimal.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - decimal.scale();
        String sign = number < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16) {
            String plain = decimal.abs().toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }
}
