package org.orderly.bridge.coap;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.orderly.bridge.testing.CoapClientProcess;
import org.orderly.bridge.testing.RunningBridge;
import org.orderly.testkit.ExternalTools;

/**
 * The fixture of the tests that drive the bridge with Debian's coap-client (libcoap 4.3, package libcoap3-bin): home
 * pile P1's bridge, started for each test, plain and DTLS-PSK on 127.0.0.1.
 */
abstract class LibcoapClientPuts {

    /** The key of {@link RunningBridge#PSK} as text, as coap-client's {@code -k} takes it. */
    protected static final String KEY = "secret-P1-key";
    protected CoapClientProcess coapClient;
    protected RunningBridge bridge;

    @BeforeEach
    void start() throws Exception {
        coapClient = new CoapClientProcess(Path.of(ExternalTools.require("libcoap3-bin")));
        bridge = RunningBridge.homePile("P1");
    }

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    /** coap-client run with {@code args} after the PSK's identity and key: to a {@code coaps://} address. */
    protected CoapClientProcess.Result overDtls(String... args) throws Exception {
        String[] all = new String[args.length + 4];
        System.arraycopy(new String[] {"-u", RunningBridge.PSK.identity(), "-k", KEY}, 0, all, 0, 4);
        System.arraycopy(args, 0, all, 4, args.length);
        return coapClient.run(15, all);
    }
}
