package org.orderly.gateway.app.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.orderly.gateway.field.dlt645.DataId;
import org.orderly.gateway.field.dlt645.Dlt645Version;

/** A DL/T 645 meter's {@code dlt645.version}, and what check-config says of a quantity its edition's table lacks. */
final class Dlt645Versions {
    private static final List<String> WRITTEN = Arrays.stream(Dlt645Version.values()).map(Dlt645Version::text).toList();

    private Dlt645Versions() {
    }

    /** The edition {@code d} gives, 2007 when it gives none; null (a problem said at its value) when it is no edition. */
    static Dlt645Version read(Section d, Problems problems) {
        String v = d.text("version", Dlt645Version.V2007.text(), "2007 or 1997");
        if (v == null) {
            return null;
        }
        Optional<Dlt645Version> version = Dlt645Version.of(v);
        if (version.isEmpty()) {
            problems.at(d.value("version"), "'version' in " + d.path() + " must be 2007 or 1997, was '" + v + "'; "
                    + Suggest.didYouMean(v, WRITTEN) + "the edition of DL/T 645 the meter speaks is on its nameplate or in"
                    + " its manual (DL/T 645-1997 meters read with two-byte identifiers such as B630)");
            return null;
        }
        return version.get();
    }

    /** The problem of {@code quantity}, not in {@code version}'s table ({@code known}), in {@code path}. */
    static String unknownQuantity(String quantity, String path, Dlt645Version version, List<String> known) {
        boolean inOther = Arrays.stream(Dlt645Version.values())
                .anyMatch(v -> v != version && DataId.ofQuantity(v, quantity).isPresent());
        if (inOther) {
            return "DL/T 645 quantity '" + quantity + "' in " + path + " is not in the " + version + " table, which a meter of"
                    + " that edition is read by; it reads " + String.join(", ", known);
        }
        return "DL/T 645 quantity '" + quantity + "' in " + path + " is not one Orderly reads; "
                + Suggest.didYouMean(quantity, known) + "known: " + String.join(", ", known);
    }
}
