package org.orderly.tools.simulate;

/** A scenario that cannot be run; the message is one line that says what and where. */
public final class ScenarioException extends Exception {
    public ScenarioException(String message) {
        super(message);
    }
}
