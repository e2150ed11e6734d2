package org.orderly.gateway.app.config;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The maps a configuration names that come from the installer's own directory, one line each, so that the installer
 * sees which file is read: above all when it replaces a shipped map of that name. The gateway logs them once at
 * start (INFO), check-config and selftest print them; a configuration that uses only shipped maps has none, nor one
 * whose own maps are unchanged copies of the shipped ones (a devices directory made when it had to hold them).
 */
public final class OwnMaps {
    private OwnMaps() {
    }

    /**
     * E.g. "register map 'chint-dtsu666': /etc/orderly/devices/chint-dtsu666.yaml, your own, in place of the shipped
     * one".
     */
    public static List<String> lines(GatewayConfig config, MapDirs maps) {
        return named(config).stream().flatMap(n -> line(n, maps).stream()).toList();
    }

    /**
     * The line of map {@code name} as {@link #lines} says it, when it is the installer's and not an unchanged copy:
     * what {@code modbus read} and {@code pile} say of the one map they were given.
     */
    public static Optional<String> line(String name, MapDirs maps) {
        if (!maps.isOwn(name) || maps.copiesShipped(name)) {
            return Optional.empty();
        }
        return Optional.of("register map '" + name + "': " + maps.file(name) + ", your own"
                + (maps.overridesShipped(name) ? ", in place of the shipped one" : ""));
    }

    /**
     * Which of {@code names} (the maps a command tries, as {@code modbus scan} tries every meter map) are the
     * installer's, in one line: "own maps from /etc/orderly/devices: chint-dtsu666-little, chint-dtsu666 (in place of
     * the shipped one)"; empty when none is (unchanged copies left out, as {@link #lines} leaves them).
     */
    public static Optional<String> from(Collection<String> names, MapDirs maps) {
        List<String> own = names.stream().filter(n -> maps.isOwn(n) && !maps.copiesShipped(n))
                .map(n -> n + (maps.overridesShipped(n) ? " (in place of the shipped one)" : "")).toList();
        return own.isEmpty() || maps.own().isEmpty() ? Optional.empty()
                : Optional.of("own maps from " + maps.own().get() + ": " + String.join(", ", own));
    }

    /** Every map the configuration names, meters' and piles', once each, in the order they are named. */
    static Set<String> named(GatewayConfig config) {
        Set<String> names = new LinkedHashSet<>();
        if (!config.transformerMeter().isDlt645()) {
            names.add(config.transformerMeter().map());
        }
        config.pileMeters().stream().filter(m -> !m.isDlt645()).forEach(m -> names.add(m.map()));
        config.piles().stream().filter(p -> p.driver() instanceof PileDriver.Modbus)
                .forEach(p -> names.add(((PileDriver.Modbus) p.driver()).map()));
        return names;
    }
}
