package org.orderly.gateway.upstream.message;

/**
 * What the gateway can meet of an accepted cap at the load the last control cycle saw: {@code meet} of the cap's
 * {@code accepted} reply and of its {@code cap.accepted} event (docs/upstream.md, "Replies", "events"). Each figure
 * null where not known, never 0, which would claim the cap met; written with its nulls.
 *
 * @param baseKw         the households' load, telemetry's {@code baseKw}
 * @param shedKw         the EV load the gateway could shed, telemetry's {@code flex.shedKw}
 * @param leastKw        the least total the gateway could bring the compound to now, telemetry's {@code flex.leastKw}:
 *                       the households as the reading gave them and what the piles draw now that no offer sheds
 * @param meetable       whether {@code leastKw} is at or below the cap's {@code limitKw}
 * @param shortKw        how far {@code leastKw} is above {@code limitKw}, 0 when it can be met
 * @param baseForecastKw the highest household load the plan in force expects in a slot overlapping the cap's window
 */
public record CapMeet(Double baseKw, Double shedKw, Double leastKw, Boolean meetable, Double shortKw,
                      Double baseForecastKw) {
}
