package org.orggroups.app.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.orggroups.app.web.error.ApiException;

class NewUserFormTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCompleteBodyIsReadWithStringsTrimmedButNotThePassword() throws Exception {
        NewUserForm form = NewUserForm.parse(json("{\"username\":\" ann \",\"password\":\" secret pass \","
                + "\"full_name\":\" Ann Lee \",\"is_staff\":true}"));

        assertThat(form).isEqualTo(new NewUserForm("ann", " secret pass ", "Ann Lee", true));
    }

    @Test
    void isStaffAcceptsDrfsWordsForYesAndNo() throws Exception {
        assertThat(NewUserForm.parse(json("{\"username\":\"a\",\"password\":\"12345678\",\"is_staff\":\"yes\"}"))
                .staff()).isTrue();
        assertThat(NewUserForm.parse(json("{\"username\":\"a\",\"password\":\"12345678\",\"is_staff\":0}"))
                .staff()).isFalse();
    }

    @Test
    void wrongTypesGetDrfsMessagesForEveryField() throws Exception {
        assertThatThrownBy(() -> NewUserForm.parse(json(
                "{\"username\":true,\"password\":null,\"full_name\":[],\"is_staff\":\"maybe\"}")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.body()).isEqualTo(Map.of(
                        "username", List.of("Not a valid string."),
                        "password", List.of("This field may not be null."),
                        "full_name", List.of("Not a valid string."),
                        "is_staff", List.of("Must be a valid boolean."))));
    }

    @Test
    void aUsernameWithSpacesInsideIsRefusedLikeDjango() throws Exception {
        assertThatThrownBy(() -> NewUserForm.parse(json("{\"username\":\"ann lee\",\"password\":\"12345678\"}")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.body()).isEqualTo(Map.of("username",
                        List.of("Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ "
                                + "characters."))));
    }

    @Test
    void aPasswordBcryptCannotHoldIsRefused() throws Exception {
        assertThatThrownBy(() -> NewUserForm.parse(json("{\"username\":\"ann\",\"password\":\"" + "p".repeat(73)
                + "\"}")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.body()).containsOnlyKeys("password"));
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefusedAsAWhole() throws Exception {
        assertThatThrownBy(() -> NewUserForm.parse(json("[1, 2]")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.body()).isEqualTo(Map.of(
                        "non_field_errors", List.of("Invalid data. Expected a dictionary, but got list."))));
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
