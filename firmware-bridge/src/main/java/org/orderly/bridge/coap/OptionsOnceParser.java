package org.orderly.bridge.coap;

import java.util.HashSet;
import java.util.Set;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Option;
import org.eclipse.californium.core.coap.OptionNumberRegistry;
import org.eclipse.californium.core.coap.option.OptionDefinition;
import org.eclipse.californium.core.coap.option.OptionRegistry;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.elements.util.DatagramReader;

/**
 * Reads a message's options as RFC 7252 (5.4.5) says of one given more often than it may be: each occurrence after the
 * first is treated as an unrecognised option, so a critical one (Accept twice) is 4.02 Bad Option and an elective one
 * (Content-Format twice) is ignored, the first kept. Californium kept the last, where another reader of the same bytes
 * keeps the first: a body said to be CBOR, then JSON, was read as JSON.
 */
final class OptionsOnceParser extends UdpDataParser {

    private final OptionRegistry registry;
    /** The numbers of the single-valued options met so far in the message being read, on the thread reading it. */
    private final ThreadLocal<Set<Integer>> seen = ThreadLocal.withInitial(HashSet::new);

    OptionsOnceParser(boolean strictEmptyMessageFormat, OptionRegistry registry) {
        super(strictEmptyMessageFormat, registry);
        this.registry = registry;
    }

    @Override
    public void parseOptionsAndPayload(DatagramReader reader, Message message) {
        seen.get().clear();
        try {
            super.parseOptionsAndPayload(reader, message);
        } finally {
            seen.get().clear();
        }
    }

    @Override
    public Option createOption(int code, int number, byte[] value) {
        OptionDefinition definition = registry.getDefinitionByNumber(code, number);
        if (definition != null && definition.isSingleValue() && !seen.get().add(number)) {
            if (OptionNumberRegistry.isCritical(number)) {
                // Californium answers a request's option refused so with 4.02 Bad Option, this its diagnostic
                throw new IllegalArgumentException("critical option " + definition.getName() + " (" + number
                        + ") given twice; it is given once");
            }
            return null; // an elective option's later occurrence is ignored, as one not recognised
        }
        return super.createOption(code, number, value);
    }
}
