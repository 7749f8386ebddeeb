package org.orggroups.api.query.offering;

/**
 * The answer to {@link CheckOrder}. When {@link #customerKnown()} is false, or a plan was asked for and
 * {@link #planKnown()} or {@link #planOfOffering()} is false, the HTTP edge answers 400 and the decisions are
 * meaningless ({@code reason} is {@code null}).
 *
 * @param customerKnown  whether the customer is live
 * @param planKnown      whether the plan asked for is live ({@code true} when none was asked for)
 * @param planOfOffering whether that plan belongs to the offering ({@code true} when none was asked for)
 * @param reason         the first matching row of the rule; {@link OrderReason#allowed()} is the answer
 * @param offeringName   the offering's name, for R1's message
 * @param customerName   the customer's name, for R1's message
 * @param offering       the offering's own decision (R1 to R3), evaluated even when the plan fails
 * @param plan           the plan's own decision (R4, R5), evaluated even when the offering fails; {@code null}
 *                       when no plan was asked for
 */
public record OrderCheck(boolean customerKnown, boolean planKnown, boolean planOfOffering, OrderReason reason,
                         String offeringName, String customerName, AccessDecision offering, AccessDecision plan) {
}
