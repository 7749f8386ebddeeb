package org.orggroups.app.eventstore;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How the nodes share the segments of the streaming processors, in one place: who this node is in
 * {@code token_entry.owner}, how long a claim lasts without renewal, and how often a live node renews its claims.
 *
 * <p>Axon lets another node take a segment over once its claim has not been renewed for the claim timeout
 * ({@code axon.eventhandling.tokenstore.claim-timeout}, 10 s). A node renews its claims, when it has nothing else
 * to store, every fifth of that timeout (2 s), and Axon's processor may skip one renewal when it falls between
 * two of its rounds: so a live node's claim is never older than two fifths of the timeout, and a claim older than
 * half of it belongs to a node that stopped (killed, frozen, cut off from the database). Node clocks are assumed to
 * agree to well within a second, as Axon assumes when it compares a claim's time stamp with its own clock.
 */
@Component
public class TokenClaims {

    private final String nodeName;
    private final Duration claimTimeout;

    /**
     * @param tokenStore Axon's token store settings, for the claim timeout
     * @param nodeName   {@code orggroups.node-name}; empty for Axon's default, the JVM's {@code pid@host}
     */
    public TokenClaims(TokenStoreProperties tokenStore, @Value("${orggroups.node-name:}") String nodeName) {
        this.nodeName = nodeName.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : nodeName.strip();
        this.claimTimeout = tokenStore.getClaimTimeout();
    }

    /** @return this node's name as the owner of its claims; unique in the cluster, or two nodes share segments */
    public String nodeName() {
        return nodeName;
    }

    /** @return how long a claim holds without renewal before another node may take the segment */
    public Duration claimTimeout() {
        return claimTimeout;
    }

    /** @return how often a node renews the claims it holds while it has no token to store: a fifth of the timeout */
    public Duration renewalInterval() {
        return claimTimeout.dividedBy(5);
    }

    /** @return the age beyond which a claim is no longer being renewed: half the timeout */
    public Duration abandonedAfter() {
        return claimTimeout.dividedBy(2);
    }
}
