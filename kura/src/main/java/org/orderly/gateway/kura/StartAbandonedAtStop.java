package org.orderly.gateway.kura;

import java.time.Duration;
import org.orderly.gateway.app.Startup;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;

/**
 * Stops a gateway start still in progress when the bundle that activated the component stops. DS waits only so long
 * (Felix SCR: 5 s) for an activation before it lets the bundle stop without deactivating the component; the start
 * would then go on holding the store's lock, and an upgrade's new revision, or the bundle started again, would be
 * refused the store. So the bundle's STOPPING event, delivered on the stopping thread before the bundle stops (its
 * classes still loadable: after an update the old revision can load none), closes what the start has started, the
 * store's lock with it, and refuses the rest.
 */
final class StartAbandonedAtStop implements SynchronousBundleListener {
    /** How long the stop waits for the part being started (a slow device) before it closes what started before it. */
    private static final Duration WAIT_FOR_PART = Duration.ofSeconds(2);

    private final Bundle bundle;
    private volatile boolean stopping;
    private volatile Startup inProgress;

    private StartAbandonedAtStop(Bundle bundle) {
        this.bundle = bundle;
    }

    /** Listens to {@code context}'s bundle until {@link #close}. */
    static StartAbandonedAtStop listen(BundleContext context) {
        StartAbandonedAtStop listener = new StartAbandonedAtStop(context.getBundle());
        context.addBundleListener(listener);
        return listener;
    }

    /**
     * A start-up for one gateway start, to hand back to {@link #ended} when the start returns or throws.
     *
     * @throws Startup.Stopped when the bundle is stopping already: no gateway is to start
     */
    Startup begin(String name) {
        Startup startup = Startup.of(name);
        // Set before the flag is read, as the listener sets the flag before it reads this: one of the two stops it.
        inProgress = startup;
        if (stopping) {
            inProgress = null;
            throw new Startup.Stopped(name, "the gateway");
        }
        return startup;
    }

    void ended(Startup startup) {
        if (inProgress == startup) {
            inProgress = null;
        }
    }

    /** True once the bundle began stopping: whatever the component started since must not run on. */
    boolean stopping() {
        return stopping;
    }

    void close(BundleContext context) {
        context.removeBundleListener(this);
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        if (event.getType() != BundleEvent.STOPPING || !event.getBundle().equals(bundle)) {
            return;
        }
        stopping = true;
        Startup startup = inProgress;
        if (startup != null) {
            // On a thread of its own, as the component's start and stop are (OwnThread): this is Bundle.update's.
            OwnThread.run("orderly-kura-stopping", () -> startup.stop(WAIT_FOR_PART));
        }
    }
}
