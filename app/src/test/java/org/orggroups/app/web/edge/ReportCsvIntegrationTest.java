package org.orggroups.app.web.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.orggroups.app.support.IntegrationTest;

/**
 * The CSV form of the group report (API.md section 9): RFC 4180, CRLF, and no cell a spreadsheet would run
 * as a formula.
 */
class ReportCsvIntegrationTest extends IntegrationTest {

    private static final String HEADER = "uuid,name,customers_count,subtree_customers_count,descendants_count,depth,path\r\n";

    @Test
    void cellsThatWouldRunAsFormulasGetALeadingQuoteAndNumbersStayNumbers() {
        String formula = newGroup("=HYPERLINK(\"http://evil\",\"x\")", null);
        String plus = newGroup("+1", formula);
        String at = newGroup("@SUM(A1)", null);
        String minus = newGroup("-2", at);
        String plain = newGroup("Top / Mid, \"quoted\"", null);

        // One page per name: a single page of everything could be filled by other groups. The report is eventually
        // consistent (a child's creation reaches its parent's row later), so the whole set is awaited.
        List<String> ours = List.of(formula, plus, at, minus, plain);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ourLines(ours)).containsExactlyInAnyOrder(
                minus + ",'-2,0,0,0,1,'@SUM(A1) / -2",
                plus + ",'+1,0,0,0,1,\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\") / +1\"",
                formula + ",\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",0,0,1,0,\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"",
                at + ",'@SUM(A1),0,0,1,0,'@SUM(A1)",
                plain + ",\"Top / Mid, \"\"quoted\"\"\",0,0,0,0,\"Top / Mid, \"\"quoted\"\"\""));
    }

    /** @return the CSV lines of the groups {@code ours}, read one name filter at a time */
    private List<String> ourLines(List<String> ours) {
        List<String> lines = new java.util.ArrayList<>();
        for (String name : List.of("HYPERLINK", "+1", "@SUM", "-2", "Top")) {
            String csv = report("&name=" + encode(name)).body();
            assertThat(csv).startsWith(HEADER).endsWith("\r\n");
            Arrays.stream(csv.substring(HEADER.length()).split("\r\n"))
                    .filter(line -> ours.stream().anyMatch(line::startsWith) && !lines.contains(line))
                    .forEach(lines::add);
        }
        return lines;
    }

    @Test
    void lineBreaksInsideANameAreQuoted() {
        String group = newGroup("two\nlines", null);
        String line = group + ",\"two\nlines\",0,0,0,0,\"two\nlines\"\r\n";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(report("&name=lines").body()).contains(line));
    }

    @Test
    void anEmptyPageIsTheHeaderAlone() {
        assertThat(report("&name=no+such+group").body()).isEqualTo(HEADER);
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private Response report(String query) {
        Response response = call("GET", "/api/reports/organization-groups/?format=csv&o=name" + query, adminToken(), null);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("text/csv;charset=UTF-8");
        return response;
    }
}
