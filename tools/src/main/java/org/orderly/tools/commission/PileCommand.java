package org.orderly.tools.commission;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.pile.CoapPileDriver;
import org.orderly.gateway.field.pile.LeaseTiming;
import org.orderly.gateway.field.pile.PileDriver;
import org.orderly.gateway.field.pile.PileFailure;
import org.orderly.gateway.field.pile.PileFailureKind;
import org.orderly.gateway.field.pile.PileListener;
import org.orderly.gateway.field.pile.PileState;
import org.orderly.text.Count;
import org.orderly.tools.ResultOnly;
import org.orderly.text.Amps;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code orderly pile get|set}: prove that a pile answers and obeys, through the gateway's own pile drivers. */
@Command(name = "pile", mixinStandardHelpOptions = true, description = "Read a pile's status or set its limit (commissioning).",
        subcommands = {PileCommand.Get.class, PileCommand.Set.class})
public final class PileCommand {

    /** The status on one line, then a line for each problem it names (a fault, a silent pile meter). */
    static String describe(PileState s) {
        return describe(s, PileTarget.BRIDGE_WITHOUT_LEASE, ZoneId.systemDefault());
    }

    /**
     * As above, with {@code noLease} saying what a status without a lease means for this pile ({@link PileTarget#noLease}),
     * and the lease's end said in {@code zone} ({@link PileTarget#zone}).
     */
    static String describe(PileState s, String noLease, ZoneId zone) {
        StringBuilder b = new StringBuilder(s.pileId()).append(": ").append(statusLine(s, noLease, zone));
        problemLines(s).forEach(p -> b.append(System.lineSeparator()).append(p));
        return b.toString();
    }

    /**
     * The status on one line without the pile's id, for a line that names the pile already ({@code p4: limit 10 A not
     * confirmed within 4 s; last status: state C ...}): until 2026-12-07 that line said the id twice.
     */
    static String statusLine(PileState s, String noLease, ZoneId zone) {
        return String.format(Locale.ROOT, "state %s (%s), %s, %s, %s, %s", s.state(), words(s.state()),
                offered(s.ampsOffered()), reported(s.powerKw(), "drawing %.2f kW", "power drawn"),
                reported(s.sessionEnergyKwh(), "session %.3f kWh", "session energy"),
                s.leaseExpiry().map(e -> "limit lease until " + LocalTimeText.of(e, zone)).orElse(noLease))
                + PileHealth.extras(s);
    }

    /** A line for each problem the status names ({@link PileHealth#problems}), each starting with the pile's id. */
    static List<String> problemLines(PileState s) {
        return PileHealth.problems(s).stream().map(p -> s.pileId() + ": " + p).toList();
    }

    /**
     * {@code value} in {@code format}, or that {@code what} is not reported: a Modbus pile's map needs only its state,
     * and a figure it leaves out is NaN in the status.
     */
    /** What the pile offers, as the page says a current ({@code offered 16 A}), or that it does not say. */
    static String offered(double amps) {
        return Double.isNaN(amps) ? "offered current not reported" : "offered " + Amps.of(amps);
    }

    static String reported(double value, String format, String what) {
        return Double.isNaN(value) ? what + " not reported" : String.format(Locale.ROOT, format, value);
    }

    static String words(org.orderly.gateway.field.pile.ChargeState state) {
        return switch (state) {
            case A -> "unplugged";
            case B -> "plugged, not charging";
            case C -> "charging";
            case E -> "error";
            case F -> "not available";
        };
    }

    /** Waits for a status that passes {@code ok}; empty when none came within {@code within}. */
    static Optional<PileState> awaitStatus(PileDriver d, Duration within, java.util.function.Predicate<PileState> ok)
            throws InterruptedException {
        return awaitStatus(d, within, ok, () -> false);
    }

    /** As above, and empty as soon as {@code over} says no status will do (the pile refused what was asked). */
    static Optional<PileState> awaitStatus(PileDriver d, Duration within, java.util.function.Predicate<PileState> ok,
            java.util.function.BooleanSupplier over) throws InterruptedException {
        return awaitStatus(d, within, ok, over, () -> {
        });
    }

    /** As above, running {@code meanwhile} at each look (every 50 ms). */
    static Optional<PileState> awaitStatus(PileDriver d, Duration within, java.util.function.Predicate<PileState> ok,
            java.util.function.BooleanSupplier over, Runnable meanwhile) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline && !over.getAsBoolean()) {
            Optional<PileState> s = d.latest();
            if (s.isPresent() && ok.test(s.get())) {
                return s;
            }
            meanwhile.run();
            Thread.sleep(50);
        }
        return Optional.empty();
    }

    /** How often pile set offers its limit again while it waits: the gateway's control loop offers once a period, 1 s. */
    static final Duration OFFER_EVERY = Duration.ofSeconds(1);

    /**
     * Offers {@code amps} again each {@link #OFFER_EVERY} when called: the driver's lease keeper re-sends a lease only
     * while it is offered (after ttl/2 without an offer it lets the lease lapse, as when the gateway's control loop
     * hangs), and sends it again after a failed sending only when offered.
     */
    static Runnable offeringAgain(PileDriver d, double amps) {
        long[] next = {System.nanoTime() + OFFER_EVERY.toNanos()};
        return () -> {
            if (System.nanoTime() - next[0] >= 0) {
                next[0] = System.nanoTime() + OFFER_EVERY.toNanos();
                d.offer(amps);
            }
        };
    }

    /** The sending of the limit, refused by the pile (a bridge's 4.xx, a Modbus pile's exception response). */
    private static Optional<PileFailure> refusedLimit(List<PileFailure> failures) {
        return failures.stream().filter(f -> f.kind() == PileFailureKind.REJECTED
                && (f.operation().startsWith("PUT ") || f.operation().startsWith("write "))).findFirst();
    }

    /** The latest failure of sending the limit (a PUT /limit, a Modbus write), if any. */
    private static Optional<PileFailure> lastLimitFailure(List<PileFailure> failures) {
        return last(failures.stream().filter(f -> f.operation().startsWith("PUT ") || f.operation().startsWith("write ")).toList());
    }

    /** A DTLS handshake with the bridge completed: it runs there and took the key. */
    static boolean handshakeCompleted(PileDriver d) {
        return d instanceof CoapPileDriver coap && coap.dtlsSessionEstablished();
    }

    /** The latest failure reported, if any. */
    static Optional<PileFailure> last(List<PileFailure> failures) {
        return failures.isEmpty() ? Optional.empty() : Optional.of(failures.get(failures.size() - 1));
    }

    private static void printFailures(List<PileFailure> failures, PrintWriter err) {
        failures.stream().map(f -> "  " + f.operation() + ": " + f.kind() + ": " + withoutOperation(f)).distinct().limit(5)
                .forEach(err::println);
    }

    /** The failure's message less the operation a CoAP failure's message starts with, which its line says already. */
    private static String withoutOperation(PileFailure f) {
        String prefix = f.operation() + ": ";
        return f.message().startsWith(prefix) ? f.message().substring(prefix.length()) : f.message();
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Print the pile's status; changes nothing.")
    static final class Get implements Callable<Integer>, ResultOnly {
        @Spec
        CommandSpec spec;

        @Mixin
        PileTarget target;

        @Option(names = "--wait-s", defaultValue = "5", paramLabel = "S",
                description = "how long to wait for a status, in seconds (default ${DEFAULT-VALUE})")
        int waitS;

        @Override
        public Integer call() throws Exception {
            LineChecks.waitS(waitS);
            Optional<ZoneId> zone = target.zone();
            if (zone.isEmpty()) {
                return 2; // the configuration's problems are said
            }
            List<PileFailure> failures = new CopyOnWriteArrayList<>();
            PileListener listener = failures::add;
            try (DriverLog.Quieted quiet = DriverLog.quiet(); PileDriver d = target.start(LeaseTiming.defaults(), listener)) {
                Optional<PileState> s = awaitStatus(d, Duration.ofSeconds(waitS), x -> true);
                if (s.isEmpty()) {
                    spec.commandLine().getErr().println(target.id + ": no status within " + waitS + " s: "
                            + FailureAdvice.pile(last(failures), target.link(), true, handshakeCompleted(d)));
                    printFailures(failures, spec.commandLine().getErr());
                    return 1;
                }
                spec.commandLine().getOut().println(describe(s.get(), target.noLease(), zone.get()));
                if (d instanceof CoapPileDriver coap) {
                    spec.commandLine().getOut().println(BridgeIdentity.line(target.id, coap));
                    Optional<String> other = BridgeIdentity.otherThanGiven(target, coap, OTHER_PILE_FIX);
                    if (other.isPresent()) {
                        // A finding about the pile, as no status or a refused limit is: exit 1 (bad input is 2).
                        spec.commandLine().getErr().println(other.get());
                        return 1;
                    }
                }
                return 0;
            }
        }
    }

    /** The lease a gateway gives a bridge whose configuration names no ttlSeconds. */
    private static final int DEFAULT_TTL_SECONDS = org.orderly.gateway.app.config.PileDriver.Coap.DEFAULT_TTL_SECONDS;

    /**
     * A lease the bridge already holds when pile set is about to send its own (a status is in hand: the command reads
     * the bridge first; said after the read-back, or after a limit not obeyed): someone else drives the pile, most often
     * a gateway left running, whose next limit (at its next change, at the latest its lease's renewal, every ttl/3)
     * replaces this command's; the read-back may pass and the pile be back on the gateway's current seconds later. Said,
     * not refused: an earlier pile set's lease still standing is one too.
     * Until 2026-12-06 nothing said it, and a pile the demo's gateway (or the service) drove looked as if it kept its
     * commissioning limit for --ttl-s; until 2026-12-06 (later) only with --id, which alone made the command read the
     * bridge before sending.
     * How often a gateway sends it again is its configuration's ({@code configured}, when given and its gateway does not
     * run) or else a gateway's at the default {@code ttlSeconds}, both from the lease keeper's own reckoning: until
     * 2026-12-06 (later) the line said {@code 10 s at the default ttlSeconds 30} in words whatever the configuration.
     */
    static Optional<String> anotherLease(PileDriver d, Clock clock, ZoneId zone, Optional<ConfiguredPile> configured) {
        String renewal = configured.map(c -> "the gateway on --config " + c.file() + " sends its own limit again at each change and "
                + c.renewal()).orElseGet(() -> "a gateway sends its own limit again at each change and at least every "
                + ConfiguredPile.said(ConfiguredPile.bridgeRenewedEvery(DEFAULT_TTL_SECONDS))
                + " (the renewal of a lease of the default ttlSeconds " + DEFAULT_TTL_SECONDS + ")");
        return d.latest().flatMap(s -> s.leaseExpiry().filter(e -> e.isAfter(clock.instant())).map(e -> s.pileId()
                + ": the pile holds a lease until " + LocalTimeText.of(e, zone) + " that this command did not send: "
                + "something else drives it, a running gateway (stop its service, or run the demo with --no-gateway, "
                + "while commissioning) or an earlier pile set; " + renewal + ", which replaces this one"));
    }

    /** What to check when the bridge at --coap says it is another pile than --id. */
    static final String OTHER_PILE_FIX = "check that --coap and --coap-port are this pile's bridge's (two piles' addresses "
            + "may be swapped, in the plan or in the DHCP reservations), or the bridge's --pile";

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Set the pile's current limit as a lease of --ttl-s seconds, renewed while this command waits, then "
                    + "read it back. The pile falls back to its safe current when the lease runs out after this command ends.")
    static final class Set implements Callable<Integer>, ResultOnly {
        @Spec
        CommandSpec spec;

        @Mixin
        PileTarget target;

        @Parameters(index = "0", paramLabel = "AMPS", description = "the limit in amperes: 0 (pause) or within the pile's range")
        double amps;

        @Option(names = "--ttl-s", defaultValue = "60", paramLabel = "S",
                description = "the lease's time to live, in seconds (default ${DEFAULT-VALUE})")
        int ttlS;

        @Option(names = "--wait-s", defaultValue = "5", paramLabel = "S",
                description = "how long to wait for the read-back, in seconds (default ${DEFAULT-VALUE})")
        int waitS;

        private final Clock clock;
        private final Ticker ticker;

        Set() {
            this(Clock.systemUTC(), Ticker.SYSTEM);
        }

        /** With the wall clock and the ticker the pile's statuses are stamped on (tests step the clock as NTP does). */
        Set(Clock clock, Ticker ticker) {
            this.clock = clock;
            this.ticker = ticker;
        }

        @Override
        public Integer call() throws Exception {
            if (!(amps >= 0) || Double.isInfinite(amps) || amps > 80) {
                // As typed (90, not Java's 90.0).
                throw new IllegalArgumentException("AMPS must be 0..80, was "
                        + spec.commandLine().getParseResult().matchedPositional(0).stringValues().get(0));
            }
            LineChecks.waitS(waitS);
            if (ttlS < 5 || ttlS > LeaseTiming.MAX_TTL_SECONDS) {
                throw new IllegalArgumentException("--ttl-s must be 5.." + LeaseTiming.MAX_TTL_SECONDS + ", was " + ttlS);
            }
            Optional<ZoneId> zone = target.zone();
            if (zone.isEmpty()) {
                return 2; // the configuration's problems are said
            }
            target.checkLimit(amps);
            target.checkTtl(ttlS);
            Optional<ConfiguredPile> configured = target.configured();
            if (configured.isPresent()) {
                configured.get().checkLimit(amps);
            }
            // Before the driver starts: whether the configuration's gateway runs, from its store's lock.
            Optional<String> gateway = configured.flatMap(c -> GatewayAlongside.drives(target.id, c));
            List<PileFailure> failures = new CopyOnWriteArrayList<>();
            PileListener listener = failures::add;
            try (DriverLog.Quieted quiet = DriverLog.quiet();
                    PileDriver d = target.start(LeaseTiming.ofSeconds(ttlS), listener, clock, ticker)) {
                boolean leaseShown = target.leaseShown();
                // The read-back is a status received after the limit was sent, in elapsed time: the statuses'
                // wall-clock stamps would reject every one after NTP stepped the clock back, and take one received
                // before the limit for the read-back after a step back before it. It counts only once the pile has
                // acknowledged the limit: a lease in its statuses may be an earlier one still standing while it refuses
                // this limit. The limit is offered again while the command waits, so that its lease stands for all of
                // it. Only a status received after the sending the pile acknowledged began shows this limit: one
                // received earlier, while a first sending was lost, carries the lease of the command before.
                Tick[] acknowledgedAt = {null};
                PileState[] disobeying = {null};
                java.util.function.Predicate<PileState> readBack = x -> {
                    if (acknowledgedAt[0] == null) {
                        acknowledgedAt[0] = d.acknowledgedSendingAt(amps).orElse(null);
                    }
                    if (acknowledgedAt[0] == null || x.tick().isBefore(acknowledgedAt[0]) || !d.acknowledges(amps)
                            || (x.leaseExpiry().isEmpty() && leaseShown)) {
                        return false;
                    }
                    // A pile offering more than it acknowledged may be slow to change: it is given until --wait-s.
                    disobeying[0] = Obeys.limit(x, amps) ? null : x;
                    return disobeying[0] == null;
                };
                Duration wait = Duration.ofSeconds(waitS);
                boolean send = true;
                if (d instanceof CoapPileDriver coap) {
                    // Who the bridge is, before any limit: one sent to another pile's bridge would be drawn on that
                    // pile's lines, as a lease its gateway does not know of, and its read-back would pass this pile.
                    // And the lease it holds already, which another driver sent (anotherLease), with --id or without.
                    long asked = System.nanoTime();
                    send = awaitStatus(d, wait, x -> true).isPresent(); // a bridge not heard from is sent nothing
                    Optional<String> other = BridgeIdentity.otherThanGiven(target, coap, OTHER_PILE_FIX);
                    if (other.isPresent()) {
                        spec.commandLine().getErr().println(other.get() + "; no limit was sent");
                        return 1;
                    }
                    Optional<String> outside = send ? BridgeRange.refusal(amps, coap) : Optional.empty();
                    if (outside.isPresent()) {
                        throw new IllegalArgumentException(outside.get()); // bad input, as a limit outside --config's range
                    }
                    wait = send ? wait.minusNanos(System.nanoTime() - asked) : Duration.ZERO;
                }
                // Said after the outcome, where it explains it (a read-back the gateway soon undoes, a pile that seems
                // to disobey); a refusal is the pile's own answer, whoever else drives it. The configuration's gateway
                // running is the more telling line of the two, and the only one for a Modbus pile, whose lease is
                // counted by its writer and not read from the pile: without it, one over TCP is said not to be known.
                Optional<String> another = gateway.or(() -> GatewayAlongside.notKnown(target, configured));
                if (another.isEmpty() && send) {
                    another = anotherLease(d, clock, zone.get(), configured);
                }
                Optional<PileState> s;
                try (StoppedAfterSending stopped = send ? StoppedAfterSending.arm(spec.commandLine().getErr(),
                        () -> stoppedLine(leaseShown, zone.get())) : null) {
                    if (send) {
                        d.offer(amps);
                    }
                    s = awaitStatus(d, wait.isNegative() ? Duration.ZERO : wait, readBack,
                            () -> refusedLimit(failures).isPresent(), offeringAgain(d, amps));
                }
                Optional<PileFailure> refused = refusedLimit(failures);
                if (refused.isPresent()) {
                    // The pile said why; waiting out --wait-s for a lease it refused would only hide that.
                    spec.commandLine().getErr().println(target.id + ": the pile refused the limit " + Amps.of(amps) + ": "
                            + (target.isModbus()
                            ? FailureAdvice.pile(refused, target.link(), true)
                            // a limit naming --id refused by a bridge of another pile (docs/firmware-bridge.md)
                            : refused.get().message().contains(": 4.03 ") ? "the bridge there is another pile's; the bridge's reason:"
                            : "a limit is 0 (pause) or within the pile's range, from its least current (6 A, the least the "
                                    + "control pilot can offer) to its most; the bridge's reason:"));
                    printFailures(List.of(refused.get()), spec.commandLine().getErr());
                    return 1;
                }
                if (s.isEmpty() && disobeying[0] != null) {
                    spec.commandLine().getErr().println(Obeys.notObeyed(target.id, amps, disobeying[0], target.isModbus()));
                    another.ifPresent(spec.commandLine().getErr()::println);
                    return 1;
                }
                if (s.isEmpty()) {
                    // A pile that answered anything in this run speaks the transport asked and is at that address: the
                    // advice after silence would not be true of it.
                    boolean acknowledged = d.acknowledges(amps);
                    String advice = d.latest().isPresent() || acknowledged
                            ? FailureAdvice.unconfirmed(lastLimitFailure(failures), target.link(), acknowledged)
                            : FailureAdvice.pile(last(failures), target.link(), true, handshakeCompleted(d));
                    // One line, its advice last; the status's problems (a fault, a silent meter) on lines of their own
                    // after it: until 2026-12-07 they came inside it, between the status and the advice.
                    spec.commandLine().getErr().println(target.id + ": limit " + Amps.of(amps) + " not confirmed within " + waitS + " s"
                            + d.latest().map(x -> "; last status: " + statusLine(x, target.noLease(), zone.get())).orElse("; no status")
                            + "; " + advice);
                    d.latest().map(PileCommand::problemLines).orElse(List.of()).forEach(spec.commandLine().getErr()::println);
                    printFailures(failures, spec.commandLine().getErr());
                    return 1;
                }
                if (!failures.isEmpty()) {
                    // Acknowledged and read back all the same: said, as a link that loses requests will lose a lease's
                    // refresh too, but not as a failure.
                    spec.commandLine().getErr().println(target.id + ": read back after " + Count.of(failures.size(), "failed request") + " "
                            + "(below): requests or their answers were lost or late (a lossy network, or a busy pile or computer)");
                    printFailures(failures, spec.commandLine().getErr());
                }
                spec.commandLine().getOut().println((leaseShown ? "set " + Amps.of(amps) + " for " + ttlS + " s"
                        : "set " + Amps.of(amps) + " with no lease (the map has no watchdog register: the pile keeps this limit after "
                                + "this command ends, until a limit is set again)") + "; read back: "
                        + describe(s.get(), target.noLease(), zone.get()));
                another.ifPresent(spec.commandLine().getErr()::println);
                return 0;
            }
        }

        /** The line said when the command is stopped after sending its limit, before its read-back. */
        private String stoppedLine(boolean leaseShown, ZoneId zone) {
            return target.id + ": stopped before the read-back: the limit " + Amps.of(amps) + " was sent; if the pile took it, "
                    + (leaseShown ? "it offers it until " + LocalTimeText.of(clock.instant().plusSeconds(ttlS), zone)
                            + " at the latest (--ttl-s " + ttlS + ", no longer renewed), then its safe current"
                            : "it keeps it until a limit is set again (its map has no watchdog register)")
                    + "; orderly pile get shows what it offers";
        }
    }
}
