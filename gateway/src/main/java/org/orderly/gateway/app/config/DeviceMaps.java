package org.orderly.gateway.app.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.orderly.gateway.field.modbus.MeterQuantities;
import org.orderly.gateway.field.modbus.RegisterMap;
import org.orderly.gateway.field.modbus.RegisterMapException;
import org.orderly.gateway.field.modbus.RegisterMapLoader;
import org.orderly.gateway.field.modbus.RegisterPoint;
import org.orderly.gateway.field.pile.PileMap;
import org.orderly.gateway.field.pile.PileMapLoader;
import org.yaml.snakeyaml.nodes.Node;
import org.orderly.text.TextFile;

/**
 * The register maps available: {@code <name>.yaml} files of the installer's own directory and of the shipped maps
 * ({@link MapDirs}), named without the extension and relative to their directory ({@code chint-dtsu666},
 * {@code piles/generic-pile}). A map named in the configuration
 * is also loaded, so a map that is broken, or of the wrong kind (a pile map for a meter), is reported where the
 * configuration names it rather than when the gateway starts.
 */
public final class DeviceMaps {
    private final MapDirs dirs;
    private final List<String> names;
    /** The maps whose unknown quantities were said: once per file, however many meters use it. */
    private final Set<String> quantitiesSaid = new HashSet<>();

    public DeviceMaps(MapDirs dirs) {
        this.dirs = dirs;
        this.names = List.copyOf(dirs.names());
    }

    public boolean has(String name) {
        return names.contains(name);
    }

    /** The message for an unknown map name: where it was looked for and what is there. */
    public String unknown(String name) {
        return "no register map '" + name + "' in " + dirs.where() + "; " + Suggest.didYouMean(name, names)
                + (names.isEmpty() ? "the directory has no .yaml maps" : "available: " + String.join(", ", names));
    }

    /**
     * Loads meter map {@code name}; reports at {@code at} when it is broken, lacks the transformer's total power, or
     * measures one phase where three are needed: the transformer's, or a three-phase pile's ({@code threePhasePile},
     * its id; null for any other pile). A quantity the gateway does not know is a warning at its place in the map:
     * the map may name it for the installer's own {@code modbus read}. The map, or null when it cannot be used.
     */
    RegisterMap checkMeterMap(String name, Node at, boolean transformer, String threePhasePile, Problems problems,
                              Problems warnings) {
        RegisterMap map;
        try {
            if (PileMapLoader.isPileMap(TextFile.read(file(name)))) {
                problems.at(at, "register map '" + name + "' is a pile's map, not a meter's: it has a pile's limit and states; "
                        + "a meter needs a meter map" + others(false));
                return null;
            }
            map = RegisterMapLoader.load(file(name));
        } catch (RegisterMapException e) {
            problems.at(at, "register map '" + name + "' cannot be used for a meter: " + first(e)
                    + (name.startsWith("piles/") ? "; maps under piles/ describe piles, not meters" : "; fix the map file"));
            return null;
        } catch (IOException e) {
            problems.at(at, "register map '" + name + "' cannot be read: " + e.getMessage());
            return null;
        }
        if (quantitiesSaid.add(name)) {
            warnUnknownQuantities(name, map, at, warnings);
        }
        if (transformer && map.points().stream().noneMatch(p -> p.quantity().equals(MeterQuantities.TOTAL_POWER))) {
            problems.at(at, "register map '" + name + "' has no power.total.kw; the transformer meter needs it every cycle: "
                    + "add it to the map or choose another");
            return null;
        }
        boolean singlePhase = map.points().stream().anyMatch(p -> MeterQuantities.SINGLE_PHASE.contains(p.quantity()));
        if (singlePhase && transformer) {
            problems.at(at, "register map '" + name + "' is a single-phase meter's (voltage.v): the transformer feeds three phases "
                    + "and its meter must measure all three, or the gateway sees a third of the load; choose a three-phase map");
            return null;
        }
        if (singlePhase && threePhasePile != null) {
            problems.at(at, "register map '" + name + "' is a single-phase meter's (voltage.v), but pile '" + threePhasePile
                    + "' is three-phase (ABC): its meter must measure all three phases; choose a three-phase map");
            return null;
        }
        return map;
    }

    private void warnUnknownQuantities(String name, RegisterMap map, Node at, Problems warnings) {
        for (RegisterPoint p : map.points()) {
            if (!MeterQuantities.isKnown(p.quantity())) {
                warnings.in(file(name).toString(), p.line(), p.column(), at, "quantity '" + p.quantity()
                        + "' is not one the gateway knows, so it reads it but never uses it (orderly modbus read shows it); "
                        + Suggest.didYouMean(p.quantity(), MeterQuantities.KNOWN)
                        + "known: " + MeterQuantities.BRIEF + " (docs/register-maps.md)");
            }
        }
    }

    /** Whether map {@code name} is a meter's that loads: a pile map that does not parse is not one, and says why itself. */
    private boolean loadsAsMeterMap(String name) {
        try {
            RegisterMapLoader.load(file(name));
            return true;
        } catch (RegisterMapException | IOException e) {
            return false;
        }
    }

    /** Loads pile map {@code name}; reports at {@code at}, and returns null, when it is broken or not a pile map. */
    PileMap checkPileMap(String name, Node at, Problems problems) {
        try {
            if (!PileMapLoader.isPileMap(TextFile.read(file(name))) && loadsAsMeterMap(name)) {
                problems.at(at, "register map '" + name + "' is a meter's map, not a pile's: a Modbus pile needs a pile map, "
                        + "with the register its limit is written to and its states" + others(true)
                        + " (template: config/devices/piles/generic-pile.yaml)");
                return null;
            }
            return PileMapLoader.load(file(name));
        } catch (RegisterMapException e) {
            problems.at(at, "register map '" + name + "' cannot drive a pile: " + first(e)
                    + "; a pile needs a pile map (limit register and states), see config/devices/piles/generic-pile.yaml");
        } catch (IOException e) {
            problems.at(at, "register map '" + name + "' cannot be read: " + e.getMessage());
        }
        return null;
    }

    /** The maps of one kind, by where they are kept: pile maps under piles/, as shipped. */
    private String others(boolean piles) {
        List<String> kind = names.stream().filter(n -> n.startsWith("piles/") == piles).toList();
        return kind.isEmpty() ? "" : "; available: " + String.join(", ", kind);
    }

    private Path file(String name) {
        return dirs.file(name);
    }

    private static String first(RegisterMapException e) {
        List<String> p = e.problems();
        return p.isEmpty() ? e.getMessage() : p.get(0) + (p.size() > 1 ? " (and " + (p.size() - 1) + " more)" : "");
    }
}
