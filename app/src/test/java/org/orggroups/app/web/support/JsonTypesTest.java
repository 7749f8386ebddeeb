package org.orggroups.app.web.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** JSON numbers taken as text the way Python's {@code str()} writes them (DRF's {@code CharField}). */
class JsonTypesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource({
            "12, 12",
            "-7, -7",
            "123456789012345678901234567890, 123456789012345678901234567890",
            "1.5, 1.5",
            "1E5, 100000.0",
            "0.0001, 0.0001",
            "0.00001, 1e-05",
            "1e16, 1e+16",
            "123456789012345.6, 123456789012345.6",
            "1e300, 1e+300",
            "-2.5e-7, -2.5e-07",
            "1e999, inf",
            "0.0, 0.0",
            "-0.0, -0.0"})
    void numbersReadAsPythonWritesThem(String json, String text) throws Exception {
        assertThat(JsonTypes.pythonText(JSON.readTree(json))).isEqualTo(text);
    }
}
