package org.orderly.gateway.app.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.orderly.gateway.app.live.LineSource;
import org.orderly.gateway.core.model.Transformer;
import org.orderly.gateway.field.dlt645.DataId;
import org.orderly.gateway.field.dlt645.Dlt645Meter;
import org.orderly.gateway.field.modbus.MeterRole;
import org.orderly.gateway.field.modbus.RegisterMapException;
import org.orderly.gateway.field.modbus.RegisterMapLoader;
import org.orderly.gateway.field.modbus.RegisterPoint;
import org.orderly.text.AsWritten;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Whether the transformer meter reads each line's load (its register map's or its DL/T 645 reads' quantities), and
 * the configuration's warning when it does not under a line limit: each line's room then takes the households' load
 * as split evenly over A, B and C.
 */
public final class TransformerLines {
    private TransformerLines() {
    }

    /** Where the transformer meter of a loaded configuration gives each line's load. */
    public static LineSource of(GatewayConfig config, MapDirs mapDirs) throws IOException, RegisterMapException {
        MeterConfig m = config.transformerMeter();
        return LineSource.of(m.isDlt645() ? dlt645Reads(m.dlt645())
                : RegisterMapLoader.load(mapDirs.file(m.map())).points().stream()
                        .map(RegisterPoint::quantity).toList());
    }

    /** What a DL/T 645 transformer meter reads: the quantities given, or the transformer's defaults. */
    static List<String> dlt645Reads(MeterConfig.Dlt645 d) {
        return d.quantities().isEmpty()
                ? Dlt645Meter.defaultReads(MeterRole.TRANSFORMER, d.version()).stream().map(DataId::quantity).toList()
                : d.quantities();
    }

    /**
     * Warns at {@code at} (the meter's map, or its DL/T 645 quantities: what the installer changes to read the lines)
     * when the transformer has a line limit and its meter, reading {@code reads}, reads no line.
     */
    static void checkEvenSplit(Transformer transformer, MeterConfig m, List<String> reads, Node at, Problems warnings) {
        if (!transformer.hasPhaseLimit() || LineSource.of(reads) != LineSource.NONE) {
            return;
        }
        String how = m.isDlt645() ? "DL/T 645" : "map '" + m.map() + "'";
        warnings.at(at, "transformer meter '" + m.id() + "' (" + how + ") reads neither each line's power ("
                + String.join(", ", LineSource.POWER.quantities()) + ") nor each line's current ("
                + String.join(", ", LineSource.CURRENT.quantities()) + "), so each line's room of phaseLimitA "
                + AsWritten.number(transformer.phaseLimitA()) + " A takes the households' load as split evenly over A, B and C:"
                + " a line they load more than the others can be overloaded; read the lines to keep to each");
    }

}
