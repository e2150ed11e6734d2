package org.orderly.gateway.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.app.config.MeterConfig;
import org.orderly.gateway.app.live.LineSource;
import org.orderly.gateway.field.dlt645.Dlt645Meter;
import org.orderly.gateway.field.modbus.MeterRole;
import org.orderly.gateway.field.modbus.RegisterMapLoader;
import org.orderly.gateway.field.modbus.RegisterMapException;
import org.orderly.gateway.field.modbus.RegisterPoint;

/**
 * Whether the transformer meter reads each line's load (its register map's or its DL/T 645 reads' quantities), and
 * what to say when it does not: each line's room then takes the households' load as split evenly over A, B and C.
 */
public final class TransformerLines {
    private TransformerLines() {
    }

    /** Where the transformer meter gives each line's load. */
    public static LineSource of(GatewayConfig config, Path devicesDir) throws IOException, RegisterMapException {
        MeterConfig m = config.transformerMeter();
        if (m.isDlt645()) {
            List<String> reads = m.dlt645().quantities().isEmpty()
                    ? Dlt645Meter.defaultReads(MeterRole.TRANSFORMER).stream().map(d -> d.quantity()).toList()
                    : m.dlt645().quantities();
            return LineSource.of(reads);
        }
        return LineSource.of(RegisterMapLoader.load(devicesDir.resolve(m.map() + ".yaml")).points().stream()
                .map(RegisterPoint::quantity).toList());
    }

    /**
     * The warning for a transformer with a line limit whose meter reads no line, naming the meter and what it lacks;
     * empty when the meter reads the lines or the transformer has no line limit.
     */
    public static Optional<String> evenSplitWarning(GatewayConfig config, LineSource lines) {
        if (lines != LineSource.NONE || !config.transformer().hasPhaseLimit()) {
            return Optional.empty();
        }
        MeterConfig m = config.transformerMeter();
        String how = m.isDlt645() ? "DL/T 645" : "map '" + m.map() + "'";
        return Optional.of("transformer meter '" + m.id() + "' (" + how + ") reads neither each line's power ("
                + String.join(", ", LineSource.POWER.quantities()) + ") nor each line's current ("
                + String.join(", ", LineSource.CURRENT.quantities()) + "), so each line's room of phaseLimitA "
                + amps(config.transformer().phaseLimitA()) + " A takes the households' load as split evenly over A, B and C:"
                + " a line they load more than the others can be overloaded; read the lines to keep to each");
    }

    private static String amps(double a) {
        return a == Math.rint(a) ? Long.toString((long) a) : Double.toString(a);
    }
}
