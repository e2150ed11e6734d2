package org.orderly.bridge.coap;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.californium.core.coap.option.MapBasedOptionRegistry;
import org.eclipse.californium.core.coap.option.OptionDefinition;
import org.eclipse.californium.core.coap.option.OptionRegistry;
import org.eclipse.californium.core.coap.option.StandardOptionRegistry;

/**
 * The CoAP options the bridge's endpoints recognise: Californium's standard ones but OSCORE (9) and Q-Block1 and
 * Q-Block2 (19, 31). Californium refuses a request with a critical option it has no definition for, 4.02 Bad Option;
 * it defines these by number whether or not it does what they ask (OSCORE is a module the bridge does not use; it has
 * no Q-Block), so a request protected with OSCORE (RFC 8613) was executed as if unprotected, and a Q-Block1 part of a
 * body taken as the whole. A server that does neither must treat the option as unrecognised (RFC 8613, section 2;
 * RFC 9177, section 4): 4.02.
 */
final class ServedOptions {

    private static final Set<Integer> UNSERVED = Set.of(StandardOptionRegistry.OSCORE.getNumber(),
            StandardOptionRegistry.Q_BLOCK_1.getNumber(), StandardOptionRegistry.Q_BLOCK_2.getNumber());

    /** Every standard option but those above. */
    static final OptionRegistry REGISTRY = served();

    private ServedOptions() {
    }

    private static OptionRegistry served() {
        List<OptionDefinition> served = new ArrayList<>();
        for (OptionRegistry.Entry entry : StandardOptionRegistry.getDefaultOptionRegistry()) {
            if (!UNSERVED.contains(entry.getKey())) {
                served.add(entry.getOptioneDefinition());
            }
        }
        return new MapBasedOptionRegistry(served.toArray(OptionDefinition[]::new));
    }
}
