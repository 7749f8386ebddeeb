package org.orggroups.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.Registration;
import org.junit.jupiter.api.Test;
import org.orggroups.api.customer.RenameCustomer;
import org.orggroups.api.group.CreateGroup;
import org.orggroups.api.group.UpdateGroup;
import org.orggroups.app.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A write whose resource is deleted by another request right after the write committed, before its answer is read
 * back, is answered as stored (201 or 200 with what was written), never 404: the client was told nothing false, and
 * the history shows both changes. A new user found a child created under a group whose ancestor was deleted at the
 * same moment answered 404 although its creation was recorded. The test makes the race certain: after the write's
 * transaction commits, and before the controller reads the answer, the delete is sent over HTTP and completes.
 */
class WriteAnswerRaceIntegrationTest extends IntegrationTest {

    @Autowired
    private CommandBus commandBus;

    @Test
    void aChildCreatedJustBeforeItsAncestorIsDeletedIsAnsweredAsCreated() {
        String root = newGroup("Doomed root", null);
        String sub = newGroup("Doomed sub", root);
        Response created;
        try (AfterCommit ignored = afterCommit(c -> c.getPayload() instanceof CreateGroup g && g.name().equals("Kid"),
                () -> assertThat(delete(linkOfGroup(root)).status()).isEqualTo(204))) {
            created = post("/api/organization-groups/", Map.of("name", "Kid", "parent", linkOfGroup(sub)));
            assertThat(ignored.ran()).isEqualTo(1);
        }
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("name").asText()).isEqualTo("Kid");
        assertThat(created.json().get("parent").asText()).isEqualTo(linkOfGroup(sub));
        assertThat(created.json().get("parent_name").asText()).isEqualTo("Doomed sub");
        assertThat(created.header("ETag")).isNotNull();
        String kid = created.json().get("uuid").asText();
        assertThat(get(linkOfGroup(kid)).status()).isEqualTo(404);
        assertThat(call("GET", linkOfGroup(kid) + "history/", adminToken(), null).body()).contains("Created", "Deleted with its ancestor");
    }

    @Test
    void aGroupRenamedJustBeforeItIsDeletedIsAnsweredRenamed() {
        String group = newGroup("Short-lived", null);
        Response renamed;
        try (AfterCommit ignored = afterCommit(c -> c.getPayload() instanceof UpdateGroup,
                () -> assertThat(delete(linkOfGroup(group)).status()).isEqualTo(204))) {
            renamed = patch(linkOfGroup(group), Map.of("name", "Renamed at the last moment"));
            assertThat(ignored.ran()).isEqualTo(1);
        }
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().get("name").asText()).isEqualTo("Renamed at the last moment");
        assertThat(get(linkOfGroup(group)).status()).isEqualTo(404);
    }

    @Test
    void aCustomerRenamedJustBeforeItIsDeletedIsAnsweredRenamed() {
        String customer = newCustomer("Short-lived customer");
        String link = baseUrl() + "/api/customers/" + customer + "/";
        Response renamed;
        try (AfterCommit ignored = afterCommit(c -> c.getPayload() instanceof RenameCustomer,
                () -> assertThat(delete(link).status()).isEqualTo(204))) {
            renamed = patch(link, Map.of("name", "Renamed customer"));
            assertThat(ignored.ran()).isEqualTo(1);
        }
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().get("name").asText()).isEqualTo("Renamed customer");
        assertThat(get(link).status()).isEqualTo(404);
    }

    /**
     * Runs {@code action} on another thread, and waits for it, right after a matching command's commit. Axon only
     * logs what fails after a commit, so a failure of the action is kept and thrown again on {@code close}.
     */
    private AfterCommit afterCommit(Predicate<CommandMessage<?>> matching, Runnable action) {
        AtomicInteger ran = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean started = new AtomicBoolean();
        Registration registration = commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
            if (matching.test(unitOfWork.getMessage()) && started.compareAndSet(false, true)) {
                unitOfWork.afterCommit(u -> {
                    try {
                        CompletableFuture.runAsync(action).join();
                        ran.incrementAndGet();
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                });
            }
            return chain.proceed();
        });
        return new AfterCommit(registration, ran, failure);
    }

    /** The registration of {@link #afterCommit}, how often its action completed, and its failure if any. */
    private record AfterCommit(Registration registration, AtomicInteger count, AtomicReference<Throwable> failure)
            implements AutoCloseable {
        int ran() {
            return count.get();
        }

        @Override
        public void close() {
            registration.cancel();
            if (failure.get() != null) {
                throw new AssertionError("the racing delete failed", failure.get());
            }
        }
    }
}
