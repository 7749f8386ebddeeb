package org.orggroups.app.web.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orggroups.app.support.IntegrationTest;

/**
 * {@code X-Forwarded-*} and {@code Forwarded} reach the built links only when well-formed; otherwise the links use
 * the request's own scheme, host and port (API.md section 1, "hyperlinks").
 */
class ForwardedHeadersIntegrationTest extends IntegrationTest {

    private static final String GROUPS = "/api/organization-groups/";

    @Test
    void invalidForwardedProtoAndHostAreIgnoredInEveryLink() {
        String parent = newGroup("Parent", null);
        Response created = call("POST", GROUPS, adminToken(),
                json(Map.of("name", "Child", "parent", linkOfGroup(parent))),
                "X-Forwarded-Proto", "javascript", "X-Forwarded-Host", "evil.com/x?y");
        assertThat(created.status()).isEqualTo(201);
        String uuid = created.json().get("uuid").asText();
        assertThat(created.header("Location")).isEqualTo(linkOfGroup(uuid));
        assertThat(created.json().get("url").asText()).isEqualTo(linkOfGroup(uuid));
        assertThat(created.json().get("parent").asText()).isEqualTo(linkOfGroup(parent));

        Response list = call("GET", GROUPS + "?page_size=1", null, null,
                "X-Forwarded-Proto", "javascript", "X-Forwarded-Host", "evil.com/x?y");
        assertThat(list.body()).doesNotContain("javascript").doesNotContain("evil");
        assertThat(list.header("Link")).startsWith("<" + baseUrl() + GROUPS).doesNotContain("evil")
                .doesNotContain("javascript");
    }

    @Test
    void eachInvalidHeaderIsIgnoredOnItsOwn() {
        String group = newGroup("G", null);
        String path = GROUPS + group + "/";
        assertThat(url(path, "X-Forwarded-Proto", "HTTPS", "X-Forwarded-Host", "evil.com/x?y"))
                .isEqualTo("https://localhost" + path);
        assertThat(url(path, "X-Forwarded-Proto", "javascript", "X-Forwarded-Host", "api.example.org:8443"))
                .isEqualTo("http://api.example.org:8443" + path);
        assertThat(url(path, "X-Forwarded-Host", "[::1]:9000")).isEqualTo("http://[::1]:9000" + path);
        assertThat(url(path, "X-Forwarded-Host", "10.0.0.7")).isEqualTo("http://10.0.0.7" + path);
        assertThat(url(path, "X-Forwarded-Host", "evil.com:99999")).isEqualTo(baseUrl() + path);
        assertThat(url(path, "X-Forwarded-Host", "a.example, evil.com/x")).isEqualTo(baseUrl() + path);
        assertThat(url(path, "Forwarded", "proto=javascript;host=evil.com")).isEqualTo(baseUrl() + path);
        assertThat(url(path, "Forwarded", "proto=https;host=\"proxy.example\"")).isEqualTo("https://proxy.example" + path);
    }

    @Test
    void aForwardedPortThatIsNotANumberIsIgnored() {
        String group = newGroup("G", null);
        Response response = call("GET", GROUPS + group + "/", null, null, "X-Forwarded-Port", "abc",
                "X-Correlation-ID", "port-1");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("X-Correlation-ID")).isEqualTo("port-1");
        assertThat(response.json().get("url").asText()).isEqualTo(linkOfGroup(group));
    }

    @Test
    void aForwardedPrefixIsHonouredOnlyWhenItIsAPath() {
        String group = newGroup("G", null);
        String path = GROUPS + group + "/";
        assertThat(url(path, "X-Forwarded-Prefix", "/proxy")).isEqualTo(baseUrl() + "/proxy" + path);
        assertThat(url(path, "X-Forwarded-Prefix", "/a b<script>")).isEqualTo(baseUrl() + path);
        assertThat(url(path, "X-Forwarded-Prefix", "//evil.com/x?y")).isEqualTo(baseUrl() + path);
    }

    /**
     * Paths that Spring Security's firewall refuses once Spring has put them before the request's path: each was an
     * empty 400 without a body, as if the request were malformed, where a malformed forwarded header is ignored.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/a//b", "//evil.com", "/a/../b", "/a/./b", "/..", "/%2e%2e", "/p;x", "/p%00", "/p%2Fq",
            "/p%5Cq", "/p%25q", "/proxy,//b"})
    void aForwardedPrefixTheFirewallRefusesIsIgnored(String prefix) {
        String path = GROUPS + newGroup("G", null) + "/";
        assertThat(url(path, "X-Forwarded-Prefix", prefix)).isEqualTo(baseUrl() + path);
    }

    @Test
    void aForwardedPrefixWithTrailingSlashesOrEscapedCharactersIsHonoured() {
        String path = GROUPS + newGroup("G", null) + "/";
        assertThat(url(path, "X-Forwarded-Prefix", "/proxy/")).isEqualTo(baseUrl() + "/proxy" + path);
        assertThat(url(path, "X-Forwarded-Prefix", "/my%20proxy")).isEqualTo(baseUrl() + "/my%20proxy" + path);
        assertThat(url(path, "X-Forwarded-Prefix", "/a,/b")).isEqualTo(baseUrl() + "/a/b" + path);
    }

    private String url(String path, String... headers) {
        Response response = call("GET", path, null, null, headers);
        assertThat(response.status()).isEqualTo(200);
        return response.json().get("url").asText();
    }
}
