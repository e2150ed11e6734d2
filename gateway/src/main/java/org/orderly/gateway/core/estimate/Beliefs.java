package org.orderly.gateway.core.estimate;

import org.orderly.gateway.core.session.PastSession;
import org.orderly.gateway.core.session.PluggedSession;

/**
 * Where the scheduler's belief about a plugged session comes from. The product learns it
 * ({@link Estimator}); a simulation may instead be told the outcomes, to measure how much of the
 * distance to the clairvoyant bound is the planning's and how much is what it cannot know.
 */
public interface Beliefs {
    /** The belief about a session at plug-in, or when its declaration changes. */
    SessionBelief believe(PluggedSession s);

    /** A session has ended. */
    void learn(PastSession s);

    /** The name of a policy planning with these beliefs, in reports: with the learned ones, the product's. */
    default String policyName() {
        return "orderly";
    }
}
