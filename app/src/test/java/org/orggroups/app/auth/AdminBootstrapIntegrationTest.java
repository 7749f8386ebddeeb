package org.orggroups.app.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class AdminBootstrapIntegrationTest extends AuthIntegrationTest {

    @Autowired
    private UserAccounts accounts;

    @Test
    void theConfiguredStaffUserExistsAfterStartUp() {
        Map<String, Object> admin = jdbc.queryForMap(
                "select is_staff, is_active from app_user where username = ?", ADMIN_USERNAME);

        assertThat(admin.values()).containsExactly(true, true);
        assertThat(login(ADMIN_USERNAME, ADMIN_PASSWORD)).matches("[0-9a-f]{40}");
    }

    @Test
    void anExistingUserIsLeftUnchanged() {
        String before = passwordHashOf(ADMIN_USERNAME);

        boolean created = bootstrap(ADMIN_USERNAME, "a-different-password").ensureAdmin();

        assertThat(created).isFalse();
        assertThat(passwordHashOf(ADMIN_USERNAME)).isEqualTo(before);
        assertThat(login(ADMIN_USERNAME, ADMIN_PASSWORD)).matches("[0-9a-f]{40}");
    }

    @Test
    void anExistingNonStaffUserIsNotPromoted() {
        String username = uniqueUsername("plain");
        createUser(username, PASSWORD, false);

        bootstrap(username, "another-password").ensureAdmin();

        assertThat(jdbc.queryForObject("select is_staff from app_user where username = ?", Boolean.class, username))
                .isFalse();
        assertThat(login(username, PASSWORD)).matches("[0-9a-f]{40}");
    }

    @Test
    void aMissingUserIsCreatedAsStaffWithTheConfiguredPassword() {
        String username = uniqueUsername("root");

        assertThat(bootstrap(username, "configured-password").ensureAdmin()).isTrue();

        String token = login(username, "configured-password");
        assertThat(call("GET", "/api/users/", token, null).status()).isEqualTo(200);
    }

    @Test
    void withoutAPasswordARandomOneIsLoggedOnceAtWarn(CapturedOutput output) {
        String username = uniqueUsername("fresh");

        bootstrap(username, null).ensureAdmin();

        Matcher logged = Pattern.compile("Initial admin password: (\\S+)").matcher(output.getOut());
        assertThat(logged.find()).isTrue();
        String password = logged.group(1);
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        assertThat(output.getOut()).contains("WARN");
        assertThat(login(username, password)).matches("[0-9a-f]{40}");
        assertThat(logged.find()).isFalse();
    }

    @Test
    void aTooShortConfiguredPasswordStopsTheStartUp() {
        AdminBootstrap bootstrap = bootstrap(uniqueUsername("weak"), "short");

        assertThatThrownBy(bootstrap::ensureAdmin)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("orggroups.admin.password");
    }

    @Test
    void twoNodesStartingAtOnceCreateOneUserAndNeitherFails() throws Exception {
        String username = uniqueUsername("race");
        int nodes = 4;
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                AdminBootstrap node = bootstrap(username, "race-password-" + i);
                Callable<Boolean> startUp = () -> {
                    start.await();
                    return node.ensureAdmin();
                };
                results.add(pool.submit(startUp));
            }
            start.countDown();
            int created = 0;
            for (Future<Boolean> result : results) {
                created += result.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(created).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject("select count(*) from app_user where username = ?", Integer.class, username))
                .isEqualTo(1);
    }

    private AdminBootstrap bootstrap(String username, String password) {
        return new AdminBootstrap(new AdminProperties(username, password), accounts);
    }

    private String passwordHashOf(String username) {
        return jdbc.queryForObject("select password_hash from app_user where username = ?", String.class, username);
    }
}
