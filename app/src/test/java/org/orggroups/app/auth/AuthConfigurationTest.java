package org.orggroups.app.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class AuthConfigurationTest {

    @Test
    void withNothingConfiguredTheDefaultsApply() {
        Binder binder = binderOver(Map.of());

        assertThat(binder.bindOrCreate("orggroups.admin", AdminProperties.class))
                .isEqualTo(new AdminProperties("admin", null));
        assertThat(binder.bindOrCreate("orggroups.auth", AuthProperties.class))
                .isEqualTo(new AuthProperties(Duration.ofHours(24), 5, Duration.ofMinutes(5), Duration.ofSeconds(5)));
    }

    @Test
    void theAdminAndTokenLifetimeAreReadFromTheEnvironment() {
        Binder binder = binderOver(Map.of(
                "ORGGROUPS_ADMIN_USERNAME", "boss",
                "ORGGROUPS_ADMIN_PASSWORD", "from-the-environment",
                "ORGGROUPS_AUTH_TOKEN_LIFETIME", "2h"));

        assertThat(binder.bindOrCreate("orggroups.admin", AdminProperties.class))
                .isEqualTo(new AdminProperties("boss", "from-the-environment"));
        assertThat(binder.bindOrCreate("orggroups.auth", AuthProperties.class).tokenLifetime())
                .isEqualTo(Duration.ofHours(2));
    }

    private static Binder binderOver(Map<String, Object> environment) {
        return new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource("env", environment)));
    }
}
