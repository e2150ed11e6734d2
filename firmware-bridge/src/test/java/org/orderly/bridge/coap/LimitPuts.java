package org.orderly.bridge.coap;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.orderly.bridge.testing.RunningBridge;
import org.orderly.bridge.testing.TestClients;

/** The fixture of the tests that PUT {@code /limit}: home pile P1's bridge, started for each test, over plain CoAP. */
abstract class LimitPuts {

    protected RunningBridge bridge;

    @BeforeEach
    void start() throws Exception {
        bridge = RunningBridge.homePile("P1");
    }

    @AfterEach
    void stop() {
        bridge.close();
    }

    protected CoapResponse put(byte[] body, int format) throws Exception {
        return TestClients.put(bridge.plainUri("/limit"), body, format);
    }

    /** As {@link #put(byte[], int)}, to {@code to}'s bridge, asking for an answer in {@code accept}. */
    protected static CoapResponse put(RunningBridge to, byte[] body, int format, int accept) throws Exception {
        CoapClient client = TestClients.plain(to.plainUri("/limit"));
        try {
            Request put = Request.newPut();
            put.setPayload(body);
            put.getOptions().setContentFormat(format).setAccept(accept);
            return client.advanced(put);
        } finally {
            TestClients.close(client);
        }
    }
}
