package org.orderly.bridge.testing;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.coap.MediaTypeRegistry;

/**
 * A stand-in gateway run as a separate JVM: {@code RefreshingGateway amps ttlSeconds periodMs uri...}
 * PUTs the lease to every {@code /limit} URI every period until it is killed.
 */
public final class RefreshingGateway {

    private RefreshingGateway() {
    }

    public static void main(String[] args) throws Exception {
        String body = "{\"amps\": " + args[0] + ", \"ttlSeconds\": " + args[1] + "}";
        long periodMs = Long.parseLong(args[2]);
        List<CoapClient> clients = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            clients.add(TestClients.plain(args[i]));
        }
        while (true) {
            for (CoapClient client : clients) {
                try {
                    client.put(body, MediaTypeRegistry.APPLICATION_JSON);
                } catch (Exception e) {
                    System.err.println("refresh " + client.getURI() + " failed: " + e);
                }
            }
            Thread.sleep(periodMs);
        }
    }
}
