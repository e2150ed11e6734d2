package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.testkit.Await;

/**
 * A CoAP pile driver whose start fails after it took its endpoint from the pool and started its thread gives both back:
 * the pool's last user's release destroys the endpoint (its socket and threads), and the driver's thread ends. Its start
 * fails here at the ticker, which it first reads once its lease renewals are scheduled on its thread (in the field, a
 * class the driver needs that a Kura bundle being upgraded can no longer load, or a thread the JVM cannot start). Until
 * 2026-12-06 a failure in its constructor kept the endpoint, and until 2026-12-07 one after it kept the endpoint and the
 * thread, started and open for the JVM's life. Nothing is sent: the bridge's address is 127.0.0.1, with no bridge there.
 * The constructor's own release, which the failing ticker does not reach (it is first read after the constructor), is
 * shown by a constructor failing as one in the field can, at a Californium class its loader cannot load (since
 * 2026-12-07; without the release: {@code expected: 0 but was: 1}). An endpoint that cannot start fails the start in
 * the driver's own words, as the start's failure (since 2026-12-07; without: {@code Expecting actual not to be null}).
 */
class CoapPileDriverStartFailureTest {

    private static final String PILE = "start-fails";

    private static List<Thread> driverThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("pile-coap-" + PILE)).toList();
    }

    @Test
    void aDriverWhoseStartFailsGivesItsEndpointBackAndItsThreadEnds() throws Exception {
        CoapEndpointPool endpoints = new CoapEndpointPool();
        Ticker failing = () -> {
            throw new IllegalStateException("the test's ticker fails");
        };
        Throwable thrown = catchThrowable(() -> CoapPileDriver.start(CoapPileConfig.plain(PILE, "127.0.0.1", 5683),
                PileListener.none(), Clock.systemUTC(), failing, endpoints));
        assertThat(thrown).as("the start's failure, as it was").hasMessage("the test's ticker fails");
        assertThat(endpoints.openEndpoints()).as("endpoints the pool holds after the failed start").isZero();
        Await.untilSeeing("the driver's thread ended", Duration.ofSeconds(20), () -> driverThreads().isEmpty(),
                CoapPileDriverStartFailureTest::driverThreads);
    }

    /**
     * A driver whose constructor fails after it took its endpoint gives it back: the pool, the driver's own (it is the
     * pool's last user), holds none. The constructor fails here at {@code new CoapClient}, which its classes' loader
     * cannot load ({@link RefusingCoapClientLoader}); the driver's classes and the pool are that loader's, reached by
     * reflection.
     */
    @Test
    void aDriverWhoseConstructorFailsGivesItsEndpointBack() throws Exception {
        ClassLoader loader = new RefusingCoapClientLoader();
        Class<?> poolClass = loader.loadClass(CoapEndpointPool.class.getName());
        Class<?> configClass = loader.loadClass(CoapPileConfig.class.getName());
        Class<?> listenerClass = loader.loadClass(PileListener.class.getName());
        Object endpoints = poolClass.getConstructor().newInstance();
        Object config = configClass.getMethod("plain", String.class, String.class, int.class)
                .invoke(null, PILE, "127.0.0.1", 5683);
        Object listener = listenerClass.getMethod("none").invoke(null);
        Method start = loader.loadClass(CoapPileDriver.class.getName())
                .getMethod("start", configClass, listenerClass, Clock.class, poolClass);

        Throwable thrown = catchThrowable(() -> start.invoke(null, config, listener, Clock.systemUTC(), endpoints));
        assertThat(thrown).isInstanceOf(InvocationTargetException.class);
        Throwable failure = thrown.getCause();
        assertThat(failure).as("the start's failure").isInstanceOf(NoClassDefFoundError.class)
                .hasMessageContaining("CoapClient");
        assertThat(failure.getStackTrace()[0]).as("where it failed: in the constructor, once the endpoint was taken")
                .matches(at -> at.getClassName().equals(CoapPileDriver.class.getName())
                        && at.getMethodName().equals("<init>"), "CoapPileDriver.<init>");
        assertThat(poolClass.getMethod("openEndpoints").invoke(endpoints))
                .as("endpoints the pool holds after the constructor failed").isEqualTo(0);
    }

    /**
     * A driver whose endpoint cannot start (its socket cannot bind: here the port the pool binds to is the test's
     * already, in the field a socket the system will not give) fails its start, saying so in one line that names the
     * pile, the bridge's address and the endpoint's, and gives the endpoint back. Until 2026-12-07 Californium's
     * {@code CoapClient.setEndpoint}, which started it, logged the {@code IOException} to Californium's logger and went
     * on: the driver started on an endpoint that never did, and reported only its exchanges' timeouts. Plain, and DTLS
     * (Scandium's connector, which binds its own socket).
     */
    @ParameterizedTest(name = "dtls={0}")
    @ValueSource(booleans = {false, true})
    void aDriverWhoseEndpointCannotBindFailsItsStartNamingThePileAndTheAddress(boolean dtls) throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            InetSocketAddress local = (InetSocketAddress) taken.getLocalSocketAddress();
            CoapEndpointPool endpoints = new CoapEndpointPool(local);
            CoapPileConfig config = dtls
                    ? CoapPileConfig.dtls(PILE, "127.0.0.1", 5684, PilePsk.ofUtf8("gateway-" + PILE, "key-of-" + PILE))
                    : CoapPileConfig.plain(PILE, "127.0.0.1", 5683);

            Throwable thrown = catchThrowable(() -> CoapPileDriver.start(config, PileListener.none(), Clock.systemUTC(),
                    Ticker.SYSTEM, endpoints));
            assertThat(thrown).as("the start's failure").isInstanceOf(UncheckedIOException.class)
                    .hasMessageStartingWith("pile " + PILE + ": cannot drive " + config.uri("") + ": its CoAP endpoint cannot "
                            + "start on local address 127.0.0.1:" + local.getPort() + " (BindException: ")
                    .hasCauseInstanceOf(BindException.class);
            assertThat(thrown.getMessage()).as("one line").doesNotContain("\n");
            assertThat(endpoints.openEndpoints()).as("endpoints the pool holds after the failed start").isZero();
            assertThat(driverThreads()).as("the driver's threads").isEmpty();
        }
    }
}
