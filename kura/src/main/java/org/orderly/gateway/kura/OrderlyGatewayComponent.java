package org.orderly.gateway.kura;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.orderly.gateway.app.Gateway;
import org.orderly.gateway.app.config.ConfigException;
import org.orderly.gateway.app.config.ConfigLoader;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.field.modbus.RegisterMapException;
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
 * configuration restarts it, deactivate (configuration deleted, bundle stopped) stops it. A configuration the gateway
 * rejects leaves the component up, not running, with the reason logged line by line and in {@link #problem()}; the
 * next change tries again. It runs only once configured (Kura creates the configuration from the metatype defaults).
 */
@Component(name = OrderlyGatewayComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = GatewayStatus.class, immediate = true)
@Designate(ocd = GatewaySettings.class)
public final class OrderlyGatewayComponent implements GatewayStatus {
    /** The component's name, configuration PID and metatype id (Kura expects the three to be the same). */
    public static final String PID = "org.orderly.gateway.kura.OrderlyGatewayComponent";
    private static final Logger LOG = LoggerFactory.getLogger(OrderlyGatewayComponent.class);

    private BundleContext context;
    private volatile Gateway gateway;
    private volatile String problem = "";

    @Activate
    void activate(GatewaySettings settings, BundleContext context) {
        this.context = context;
        start(settings);
    }

    @Modified
    void modified(GatewaySettings settings) {
        LOG.info("configuration changed; restarting the gateway");
        stop();
        start(settings);
    }

    @Deactivate
    void deactivate() {
        stop();
    }

    private synchronized void start(GatewaySettings settings) {
        problem = "";
        if (!settings.enabled()) {
            LOG.info("gateway disabled in its configuration; not started");
            return;
        }
        Path file = Path.of(settings.configFile());
        try {
            Path devices = settings.devicesDir().isBlank()
                    ? ShippedRegisterMaps.copy(context.getBundle(), context.getDataFile("devices").toPath())
                    : Path.of(settings.devicesDir());
            if (!Files.isRegularFile(file)) {
                throw new IOException("no such file");
            }
            GatewayConfig config = ConfigLoader.load(file, devices);
            registerSqliteDriver();
            gateway = Gateway.start(config, file.toAbsolutePath().getParent(), devices, Clock.systemUTC(), List::of);
        } catch (ConfigException e) {
            e.problems().forEach(line -> LOG.error("{}", line));
            fail(file + ": configuration rejected (" + e.problems().size() + " problem(s)); first: "
                    + e.problems().get(0));
        } catch (IOException | RegisterMapException e) {
            fail(file + ": " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("gateway from {} failed to start", file, e);
            fail(file + ": " + e);
        }
    }

    private void fail(String why) {
        problem = why;
        LOG.error("gateway not running: {}", why);
    }

    /**
     * DriverManager finds drivers with the system class loader's ServiceLoader, which cannot see a jar embedded in a
     * bundle; loading the driver class registers it, and DriverManager then allows it to the store's class loader.
     */
    private static void registerSqliteDriver() {
        try {
            Class.forName("org.sqlite.JDBC");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the bundle lacks the embedded sqlite-jdbc driver", e);
        }
    }

    private synchronized void stop() {
        Gateway running = gateway;
        gateway = null;
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
