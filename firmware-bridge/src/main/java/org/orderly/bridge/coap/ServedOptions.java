package org.orderly.bridge.coap;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.californium.core.coap.option.MapBasedOptionRegistry;
import org.eclipse.californium.core.coap.option.OptionDefinition;
import org.eclipse.californium.core.coap.option.OptionRegistry;
import org.eclipse.californium.core.coap.option.StandardOptionRegistry;

/**
 * The CoAP options the bridge's endpoints recognise: Californium's standard ones but OSCORE (9). Californium refuses a
 * request with a critical option it has no definition for, 4.02 Bad Option; it defines OSCORE by number whether or not
 * its OSCORE module is used, so a request protected with it (RFC 8613) was executed as if unprotected. The bridge does
 * not do OSCORE, and a server that does not must treat the option as unrecognised (RFC 8613, section 2): 4.02.
 */
final class ServedOptions {

    /** Every standard option but OSCORE. */
    static final OptionRegistry REGISTRY = withoutOscore();

    private ServedOptions() {
    }

    private static OptionRegistry withoutOscore() {
        List<OptionDefinition> served = new ArrayList<>();
        for (OptionRegistry.Entry entry : StandardOptionRegistry.getDefaultOptionRegistry()) {
            if (entry.getKey() != StandardOptionRegistry.OSCORE.getNumber()) {
                served.add(entry.getOptioneDefinition());
            }
        }
        return new MapBasedOptionRegistry(served.toArray(OptionDefinition[]::new));
    }
}
