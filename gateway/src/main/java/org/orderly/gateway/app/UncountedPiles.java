package org.orderly.gateway.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.app.config.MapDirs;
import org.orderly.gateway.app.config.PileConfig;
import org.orderly.gateway.app.config.PileDriver;
import org.orderly.gateway.field.modbus.RegisterMapException;
import org.orderly.gateway.field.pile.PileMap;

/**
 * The piles that count no session energy, by id: a Modbus pile whose map has no {@code energy.session.kwh} register (a
 * firmware-bridge always counts its session's energy). What their cars took is not known; the store's rows of their
 * sessions say null for it, and said 0 before migration 9 (docs/operations.md, "sessions"), which only the pile's map
 * tells apart from a car that took nothing.
 */
record UncountedPiles(Set<String> ids) {

    UncountedPiles {
        ids = Set.copyOf(ids);
    }

    /** The configured piles that count no session energy, as their maps in {@code mapDirs} say. */
    static UncountedPiles of(GatewayConfig config, MapDirs mapDirs) throws IOException, RegisterMapException {
        Set<String> ids = new HashSet<>();
        for (PileConfig p : config.piles()) {
            if (p.driver() instanceof PileDriver.Modbus m
                    && PileDrivers.map(mapDirs, m).point(PileMap.SESSION_ENERGY).isEmpty()) {
                ids.add(p.pile().id());
            }
        }
        return new UncountedPiles(ids);
    }

    boolean has(String pileId) {
        return ids.contains(pileId);
    }
}
