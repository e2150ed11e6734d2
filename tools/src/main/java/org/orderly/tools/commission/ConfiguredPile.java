package org.orderly.tools.commission;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.orderly.gateway.app.config.BusConfig;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.app.config.PileConfig;
import org.orderly.gateway.app.config.PileDriver;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.pile.CoapPileConfig;
import org.orderly.gateway.field.pile.LeaseTiming;
import org.orderly.text.Amps;

/**
 * The pile of the gateway's configuration ({@code --config}) that {@code pile get} or {@code pile set} reach: the one
 * {@code --id} names, or without {@code --id} the one at the address given. It gives the range a limit must be in and
 * how often the gateway on that configuration sends the pile its own limit again. Until 2026-12-06 the commands took
 * only the zone from the configuration: an {@code --id} it does not have, and a limit outside the pile's range there,
 * were sent all the same.
 *
 * @param file    the configuration, as given
 * @param config  its content
 * @param pile    the pile in it
 */
record ConfiguredPile(Path file, GatewayConfig config, PileConfig pile) {

    /** How many pile ids the line about an {@code --id} the configuration has not names at most. */
    private static final int IDS_SAID = 6;

    /**
     * The pile {@code target} reaches, if {@code config} has it: by {@code --id} when given, else by address (a bridge's
     * host and port, a Modbus pile's TCP host and port or serial port, and unit).
     *
     * @throws IllegalArgumentException for an {@code --id} the configuration does not have: bad input, nothing sent
     */
    static Optional<ConfiguredPile> of(Path file, GatewayConfig config, PileTarget target) {
        if (target.idGiven()) {
            Optional<PileConfig> named = config.piles().stream().filter(p -> p.pile().id().equals(target.id)).findFirst();
            if (named.isEmpty()) {
                String ids = config.piles().stream().limit(IDS_SAID).map(p -> p.pile().id()).collect(Collectors.joining(", "))
                        + (config.piles().size() > IDS_SAID ? ", ..." : "");
                throw new IllegalArgumentException("--id " + target.id + " is no pile of --config " + file + " (its piles: " + ids
                        + "): give the id it has there, or leave out --config; nothing was sent");
            }
            return named.map(p -> new ConfiguredPile(file, config, p));
        }
        return config.piles().stream().filter(p -> at(config, p, target)).findFirst().map(p -> new ConfiguredPile(file, config, p));
    }

    /** Whether pile {@code p} of {@code config} is at the address {@code target} was given. */
    private static boolean at(GatewayConfig config, PileConfig p, PileTarget target) {
        if (p.driver() instanceof PileDriver.Coap c) {
            return target.coapHost != null && c.host().equalsIgnoreCase(target.coapHost) && c.port() == target.coapPortOrDefault();
        }
        PileDriver.Modbus m = (PileDriver.Modbus) p.driver();
        if (target.isModbus() && m.unit() == target.unit) {
            BusEndpoint endpoint = config.bus(m.bus()).endpoint();
            return endpoint instanceof BusEndpoint.Tcp tcp ? tcp.host().equalsIgnoreCase(String.valueOf(target.modbusHost))
                    && tcp.port() == target.tcpPort
                    : ((BusEndpoint.Serial) endpoint).port().equals(target.modbusPort);
        }
        return false;
    }

    /**
     * A limit the pile's range in the configuration does not allow (0, a pause, or its minA..maxA) is bad input, said
     * before anything is sent: the gateway never gives it one, and a bridge or a pile would refuse it or offer less.
     */
    void checkLimit(double amps) {
        double min = pile.pile().minCurrentA();
        double max = pile.pile().maxCurrentA();
        if (amps != 0 && (amps < min || amps > max)) {
            throw new IllegalArgumentException("AMPS " + Amps.number(amps) + " is outside the range of pile " + pile.pile().id()
                    + " in --config " + file + ": 0 (pause) or " + Amps.number(min) + ".." + Amps.of(max)
                    + " (its minA and maxA); nothing was sent");
        }
    }

    /**
     * How often the gateway on this configuration sends the pile its limit again while it stands: every third of its
     * lease, sooner for a short one (the driver's lease keeper, {@link LeaseTiming#refreshEvery(Duration)}). A bridge's
     * lease is its {@code ttlSeconds}; a Modbus pile's is 10 s, its exchange its bus's timeout.
     */
    Duration renewedEvery() {
        if (pile.driver() instanceof PileDriver.Coap c) {
            return bridgeRenewedEvery(c.ttlSeconds());
        }
        BusConfig bus = config.bus(((PileDriver.Modbus) pile.driver()).bus());
        return LeaseTiming.defaults().refreshEvery(Duration.ofMillis(bus.timeoutMs()));
    }

    /** The lease the gateway gives the pile, in seconds. */
    int leaseSeconds() {
        return pile.driver() instanceof PileDriver.Coap c ? c.ttlSeconds() : LeaseTiming.defaults().ttlSeconds();
    }

    /** How often a gateway renews a bridge's lease of {@code ttlSeconds} (its driver's lease keeper). */
    static Duration bridgeRenewedEvery(int ttlSeconds) {
        LeaseTiming lease = LeaseTiming.ofSeconds(ttlSeconds);
        return lease.refreshEvery(CoapPileConfig.requestTimeoutFor(lease));
    }

    /**
     * When the gateway on this configuration sends the pile its limit again, as said after {@code it sends its own limit
     * again at each change and}: {@code at least every 10 s (the renewal of its 30 s lease)}.
     */
    String renewal() {
        return "at least every " + said(renewedEvery()) + " (the renewal of its " + leaseSeconds() + " s lease)";
    }

    /** A renewal period as said: whole seconds, or seconds to a tenth ({@code 3.3 s}). */
    static String said(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
