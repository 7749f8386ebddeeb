package org.orggroups.app.web.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The expected values are what Python 3's {@code urllib.parse.unquote_plus(text, errors="replace")} answers. */
class QueryStringsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "%ZZ|%ZZ",
            "ab%2|ab%2",
            "ab%|ab%",
            "%%41|%A",
            "%4g1|%4g1",
            "a+b%20c|a b c",
            "%2B|+",
            "%e2%82%ac|\u20ac",
            "%E0%A4%A|\ufffd%A",
            "%FF|\ufffd",
            "%C3|\ufffd",
            "caf\u00e9|caf\u00e9",
            "\ud83d\ude00%21|\ud83d\ude00!",
    })
    void unquotesAsPythonDoes(String text, String expected) {
        assertThat(QueryStrings.unquotePlus(text)).isEqualTo(expected);
    }

    @Test
    void splitsOnAmpersandsOnlyKeepingBlankValuesAndOrder() {
        Map<String, List<String>> query = QueryStrings.parse("b=1&a=%ZZ&&b=2;c=3&flag&=x");
        assertThat(query).containsExactly(
                Map.entry("b", List.of("1", "2;c=3")),
                Map.entry("a", List.of("%ZZ")),
                Map.entry("flag", List.of("")),
                Map.entry("", List.of("x")));
        assertThat(QueryStrings.parse(null)).isEmpty();
        assertThat(QueryStrings.parse("")).isEmpty();
    }
}
