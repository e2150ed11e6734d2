package org.orderly.gateway.web.view;

/**
 * A session of today's left out of the saving ({@link Today#leftOut}): it has energy, and no stored minute saw its car
 * draw, so at what power it would have charged uncontrolled is not known.
 *
 * @param session the session's id
 * @param pile    its pile's id, as the page names it
 * @param kwh     its energy, counted in today's energy and cost but not in the saving
 */
public record LeftOutSession(String session, String pile, double kwh) {
}
