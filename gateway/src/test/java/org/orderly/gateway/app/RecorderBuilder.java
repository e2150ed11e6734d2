package org.orderly.gateway.app;

import org.orderly.gateway.app.live.CycleListener;
import org.orderly.gateway.app.live.SamePlugIn;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.store.Store;

/**
 * A cycle recorder as a test builds it, through the one constructor the gateway uses. What a test leaves unsaid is the
 * plain case: recorded as gateway "test", heard by nobody, the clock taken as set, plug-ins judged in real time and
 * the default sample holds.
 */
final class RecorderBuilder {
    private final Compound compound;
    private final Store store;
    private final OrderlyPolicy policy;
    private String subject = "test";
    private CycleListener listener = CycleListener.NONE;
    private ClockFloor clockFloor = ClockFloor.NONE;
    private SamePlugIn samePlugIn = SamePlugIn.in(TimeScale.REAL);

    private RecorderBuilder(Compound compound, Store store, OrderlyPolicy policy) {
        this.compound = compound;
        this.store = store;
        this.policy = policy;
    }

    /** A recorder of {@code policy}'s cycles over {@code compound} into {@code store}. */
    static RecorderBuilder recorder(Compound compound, Store store, OrderlyPolicy policy) {
        return new RecorderBuilder(compound, store, policy);
    }

    RecorderBuilder subject(String subject) {
        this.subject = subject;
        return this;
    }

    RecorderBuilder listener(CycleListener listener) {
        this.listener = listener;
        return this;
    }

    RecorderBuilder clockFloor(ClockFloor clockFloor) {
        this.clockFloor = clockFloor;
        return this;
    }

    RecorderBuilder samePlugIn(SamePlugIn samePlugIn) {
        this.samePlugIn = samePlugIn;
        return this;
    }

    CycleRecorder build() {
        return new CycleRecorder(compound, store, subject, policy, listener, clockFloor, samePlugIn, SampleHolds.DEFAULT);
    }
}
