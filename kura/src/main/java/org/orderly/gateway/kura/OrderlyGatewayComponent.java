package org.orderly.gateway.kura;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.orderly.gateway.app.Gateway;
import org.orderly.gateway.app.Startup;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.field.modbus.RegisterMapException;
import org.orderly.gateway.kura.status.GatewayStatus;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway as a DS component: activate starts a {@link Gateway} from the configured YAML file, a changed
 * configuration restarts it, deactivate (configuration deleted, bundle stopped) stops it. The configuration comes from
 * Kura's form or its cloud connection, a remote input: one the gateway cannot take (a setting, the file, the maps) is
 * refused before anything stops, each problem logged on one line, and a gateway running goes on as it was; one that
 * loads but on which the gateway fails to start brings the previous one back. With no gateway running (the bundle or
 * the framework just started, ConfigAdmin giving again the refused configuration it keeps) the gateway starts from the
 * last good settings, kept in the bundle's data area ({@link LastGood}), unless the operator turned it off or deleted
 * its configuration since. {@link #problem()} says the last refusal until a configuration is taken. The gateway starts
 * and stops on a thread of the component's own ({@link OwnThread}), not on the framework's thread that calls: what a
 * library keeps per thread would otherwise keep this bundle's class loader from that thread after an upgrade.
 */
@Component(name = OrderlyGatewayComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = GatewayStatus.class, immediate = true)
@Designate(ocd = GatewaySettings.class)
public final class OrderlyGatewayComponent implements GatewayStatus {
    /** The component's name, configuration PID and metatype id (Kura expects the three to be the same). */
    public static final String PID = "org.orderly.gateway.kura.OrderlyGatewayComponent";
    private static final Logger LOG = LoggerFactory.getLogger(OrderlyGatewayComponent.class);
    /** DS's deactivation reason when the configuration was deleted (ComponentConstants, not on this class path). */
    private static final int CONFIGURATION_DELETED = 4;

    private Bundle bundle;
    private BundleContext context;
    private StartAbandonedAtStop startsAtStop;
    private Path shippedMapsDir;
    private LastGood lastGood;
    private volatile Gateway gateway;
    /** What the running gateway was started from; null when none runs. */
    private LoadedConfiguration current;
    private volatile String problem = "";
    /** True once the component ended ({@link #end}): by deactivate, or by its bundle's stop during a start. */
    private boolean ended;

    // The properties as given, not GatewaySettings: DS would read enabled = "yes" as false and 42 as a path.
    @Activate
    void activate(Map<String, Object> properties, BundleContext context) {
        // The bundle for its name (its state is no guide: an upgrade's new revision is the same Bundle, ACTIVE again),
        // the context to stop listening at deactivate, which DS calls while the context is still valid.
        this.bundle = context.getBundle();
        this.context = context;
        this.startsAtStop = StartAbandonedAtStop.listen(context);
        this.shippedMapsDir = context.getDataFile("devices").toPath();
        this.lastGood = new LastGood(context.getDataFile("last-good.properties").toPath());
        OwnThread.run("orderly-kura-activate", () -> apply(properties));
    }

    @Modified
    void modified(Map<String, Object> properties) {
        OwnThread.run("orderly-kura-modified", () -> apply(properties));
    }

    @Deactivate
    synchronized void deactivate(int reason) {
        startsAtStop.close(context);
        OwnThread.run("orderly-kura-deactivate", this::end);
        if (reason == CONFIGURATION_DELETED) {
            forgetLastGood("its configuration was deleted");
        }
    }

    /**
     * Stops the gateway and lets go of the SQLite driver, once however the component ends: deactivate, or a start its
     * bundle's stop abandoned, after which DS does not call deactivate (DriverManager would keep the driver, and with it
     * this bundle's class loader, after an uninstall or upgrade).
     */
    private void end() {
        stop();
        if (!ended) {
            ended = true;
            SqliteDriver.release(this);
        }
    }

    /**
     * Takes {@code properties}; and when the bundle began stopping meanwhile, stops what runs. DS waits only so long
     * (Felix SCR: 5 s) for an activation or a modification before it lets a stopping bundle stop without deactivating
     * the component, and nothing else would then stop a gateway whose start took longer (until 2026-12-03 it ran on
     * from the stopped bundle, driving the piles and holding the store). The start itself is stopped when the bundle
     * begins stopping ({@link StartAbandonedAtStop}), and nothing is started in its place.
     */
    private synchronized void apply(Map<String, ?> properties) {
        try {
            take(properties);
        } catch (Startup.Stopped e) {
            // The bundle's stop closed what the start had started; the line below says so.
        } finally {
            if (startsAtStop.stopping()) {
                end();
                LOG.warn("bundle {} stopped while the gateway was starting; no gateway runs", bundle.getSymbolicName());
            }
        }
    }

    private void take(Map<String, ?> properties) {
        FormSettings settings;
        LoadedConfiguration next;
        try {
            settings = FormSettings.read(properties);
            if (!settings.enabled()) {
                stop();
                problem = "";
                forgetLastGood("it was disabled");
                LOG.info("gateway disabled in its configuration; not started");
                return;
            }
            next = LoadedConfiguration.load(settings, this::shippedMaps);
        } catch (ConfigurationRejected e) {
            if (current == null) {
                startLastGood(e);
            } else {
                reject(e, "the gateway runs on from " + current.file());
            }
            return;
        }
        LoadedConfiguration previous = current;
        if (previous != null) {
            LOG.info("configuration changed; restarting the gateway from {}", next.file());
        }
        stop();
        try {
            start(next);
            problem = "";
            keepLastGood(settings);
        } catch (ConfigurationRejected e) {
            if (previous == null) {
                startLastGood(e);
            } else {
                startAgain(previous, e);
            }
        }
    }

    /** After {@code next} failed to start: the configuration that ran before it. */
    private void startAgain(LoadedConfiguration previous, ConfigurationRejected failed) {
        try {
            start(previous);
            reject(failed, "the gateway runs again from " + previous.file());
        } catch (ConfigurationRejected again) {
            reject(failed, "the gateway is not running: starting it again from " + previous.file() + " failed too: "
                    + again.getMessage());
        }
    }

    /**
     * With no gateway running, {@code refused} refused: the last good settings, if any are kept, started from the
     * file they name as it is now. Said in the one line of the refusal, so it never runs unsaid.
     */
    private void startLastGood(ConfigurationRejected refused) {
        Optional<LastGood.Kept> kept;
        try {
            kept = lastGood.read();
        } catch (IOException e) {
            reject(refused, "the gateway is not running: the last good configuration kept in " + lastGood.file()
                    + " cannot be read: " + e.getMessage());
            return;
        }
        if (kept.isEmpty()) {
            reject(refused, "the gateway is not running");
            return;
        }
        try {
            start(LoadedConfiguration.load(kept.get().settings(), this::shippedMaps));
            reject(refused, "the gateway runs from the last good configuration, " + kept.get().described());
        } catch (ConfigurationRejected again) {
            reject(refused, "the gateway is not running: the last good configuration, " + kept.get().described()
                    + ", is refused too: " + again.getMessage());
        }
    }

    private void keepLastGood(FormSettings settings) {
        try {
            lastGood.keep(settings, Instant.now());
        } catch (IOException e) {
            // The gateway runs; only a later restart on a refused configuration would miss it. An older one kept
            // would be run then, which the operator has replaced: none is better.
            LOG.error("the gateway's last good configuration could not be kept in {}: {}; after a restart on a refused"
                    + " configuration the gateway will not run", lastGood.file(), e.getMessage());
            forgetLastGood("it could not be replaced");
        }
    }

    private void forgetLastGood(String why) {
        try {
            lastGood.forget();
        } catch (IOException e) {
            LOG.error("the gateway's last good configuration, kept in {}, could not be forgotten although {}: {}",
                    lastGood.file(), why, e.getMessage());
        }
    }

    /** @throws Startup.Stopped when the bundle began stopping: nothing is to be started instead */
    private void start(LoadedConfiguration c) throws ConfigurationRejected {
        Startup startup = startsAtStop.begin("bundle " + bundle.getSymbolicName());
        try {
            SqliteDriver.register(this);
            Gateway started = Gateway.start(c.config(), c.file().toAbsolutePath().getParent(), c.maps(),
                    Clock.systemUTC(), TimeScale.REAL, List::of, startup);
            startup.complete();
            gateway = started;
            current = c;
        } catch (Startup.Stopped e) {
            throw e;
        } catch (IOException | RegisterMapException | RuntimeException e) {
            if (e instanceof RuntimeException) {
                LOG.error("gateway from {} failed to start", c.file(), e);
            }
            throw new ConfigurationRejected(FormSettings.CONFIG_FILE + " " + c.file() + ": the gateway did not start: "
                    + e.getMessage(), e);
        } finally {
            startsAtStop.ended(startup);
        }
    }

    /**
     * One line for each problem and one that says what the gateway does instead, as {@code orderly check-config}
     * prints a file's problems and then its count; a single problem is the one line.
     */
    private void reject(ConfigurationRejected e, String consequence) {
        if (e.problems().size() > 1) {
            e.problems().forEach(line -> LOG.error("{}", line));
        }
        problem = "configuration rejected: " + e.getMessage() + "; " + consequence;
        LOG.error("{}", problem);
    }

    private Path shippedMaps() throws IOException {
        return ShippedRegisterMaps.copy(bundle, shippedMapsDir);
    }

    private void stop() {
        Gateway running = gateway;
        gateway = null;
        current = null;
        if (running != null) {
            running.close();
        }
    }

    @Override
    public boolean running() {
        return gateway != null;
    }

    @Override
    public long cycles() {
        Gateway g = gateway;
        return g == null ? 0 : g.loop().cycles();
    }

    @Override
    public String mode() {
        Gateway g = gateway;
        ControlMode mode = g == null ? null : g.loop().mode();
        return mode == null ? "" : mode.name();
    }

    @Override
    public String problem() {
        return problem;
    }
}
