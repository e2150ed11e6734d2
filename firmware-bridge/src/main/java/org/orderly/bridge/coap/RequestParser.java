package org.orderly.bridge.coap;

import java.util.HashSet;
import java.util.Set;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.CoAPMessageFormatException;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Option;
import org.eclipse.californium.core.coap.OptionNumberRegistry;
import org.eclipse.californium.core.coap.option.OptionDefinition;
import org.eclipse.californium.core.coap.option.OptionRegistry;
import org.eclipse.californium.core.network.serialization.MessageHeader;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.elements.util.DatagramReader;

/**
 * Reads a message as Californium does, but for two things RFC 7252 says and Californium does not do:
 * <ul>
 * <li>an option given more often than it may be (5.4.5): each occurrence after the first is treated as an unrecognised
 * option, so a critical one (Accept twice) is 4.02 Bad Option and an elective one (Content-Format twice) is ignored, the
 * first kept. Californium kept the last, where another reader of the same bytes keeps the first: a body said to be
 * CBOR, then JSON, was read as JSON;</li>
 * <li>a token longer than 8 bytes (RFC 8974's extended token, which the bridge does not take) is a message format
 * error, a confirmable one rejected with a Reset (4.2), so that the client learns it at once. Californium refused it
 * before it read the message ID a Reset needs, and dropped it without a word.</li>
 * </ul>
 */
final class RequestParser extends UdpDataParser {

    private final OptionRegistry registry;
    /** The numbers of the single-valued options met so far in the message being read, on the thread reading it. */
    private final ThreadLocal<Set<Integer>> seen = ThreadLocal.withInitial(HashSet::new);

    RequestParser(boolean strictEmptyMessageFormat, OptionRegistry registry) {
        super(strictEmptyMessageFormat, registry);
        this.registry = registry;
    }

    @Override
    protected MessageHeader parseHeader(DatagramReader reader) {
        if (reader.bytesAvailable(4)) {
            reader.mark();
            int first = reader.read(8); // version (2 bits), type (2), token length (4)
            int tokenLength = first & 0x0F;
            if (tokenLength > 8) {
                int code = reader.read(8);
                int messageId = reader.read(16);
                boolean confirmable = (first >> 4 & 3) == CoAP.Type.CON.value;
                // no token: Californium then rejects a confirmable one with a Reset rather than answering it
                throw new CoAPMessageFormatException("token length " + tokenLength + " (a token of more than 8 bytes)",
                        null, messageId, code, confirmable);
            }
            reader.reset();
        }
        return super.parseHeader(reader);
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
