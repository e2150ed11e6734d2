package org.orderly.bridge.coap;

import org.eclipse.californium.core.CoapResponse;
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
}
