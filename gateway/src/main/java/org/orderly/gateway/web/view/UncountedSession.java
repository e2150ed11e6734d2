package org.orderly.gateway.web.view;

/**
 * A session of today's whose energy is not known ({@link Today#notCounted}): its pile counts no energy and was heard in
 * none of its minutes (a Modbus pile without a power register or an energy register, or one offline all along), so it
 * adds nothing to today's energy, cost or saving, though its car may have drawn. Its draw was in the households' load,
 * which the control cycle then took as an upper bound.
 *
 * @param session the session's id
 * @param pile    its pile's id, as the page names it
 */
public record UncountedSession(String session, String pile) {
}
