package org.orderly.gateway.upstream.command;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.upstream.link.MqttLink;
import org.orderly.gateway.upstream.message.Envelope;
import org.orderly.gateway.upstream.message.PlanBody;

/**
 * The size of the largest messages the gateway sends the grid side, a day's {@code cmd/history} answer and a plan
 * (docs/benchmarks.md, "Message sizes"; run by {@code tools/bench/message-sizes.sh}). Not a test: a main. It writes
 * the answer as the gateway does ({@link Replies#history}) for a made-up day of MINUTES minutes and prints its
 * payload's bytes and the PUBLISH packet's, counted as the gateway counts it against the broker's limit
 * ({@link MqttLink#replyPacketBytes}), for:
 *
 * <ul>
 *   <li>{@code round}: every figure a tenth of a kW (a meter that reads to 0.1 kW, held all minute), EV load 0;</li>
 *   <li>{@code no-ev}: the transformer's and the households' figures full-precision means, the three EV and bound
 *       figures 0.0;</li>
 *   <li>{@code full}: all five figures full-precision means, the largest a recorded minute writes (a mean over a
 *       minute's part is any double: Jackson writes up to 17 significant digits).</li>
 * </ul>
 *
 * The figures are drawn from a seeded random, so a run gives the same bytes each time; their sizes, not their values,
 * matter. The response topic and correlation data are a grid side's plausible ones (named in the output).
 *
 * <pre>
 *   MessageSizeBench [MINUTES]     (default 1440, a day: the most a request may ask for)
 * </pre>
 */
public final class MessageSizeBench {
    private static final String RESPONSE_TOPIC = "grid/history-answers/gw-0001";
    private static final int PLAN_SLOTS = 97;
    private static final byte[] CORRELATION = "h-20261206-0001".getBytes(StandardCharsets.UTF_8);

    private MessageSizeBench() {
    }

    public static void main(String[] args) {
        int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 1440;
        Instant from = Instant.parse("2026-12-05T00:00:00Z");
        Instant to = from.plus(Duration.ofMinutes(minutes));
        HistoryRequest request = new HistoryRequest("h-20261206-0001", from, to);
        Replies replies = new Replies("gw-0001", ClockFloor.NONE);
        Instant now = to.plusSeconds(2);
        System.out.printf(Locale.ROOT, "# %d minutes, gatewayId gw-0001, response topic %s, correlation data %d bytes%n",
                minutes, RESPONSE_TOPIC, CORRELATION.length);
        System.out.println("| day | payload bytes | PUBLISH packet bytes | bytes a minute |");
        System.out.println("|---|---|---|---|");
        for (String kind : new String[] {"round", "no-ev", "full"}) {
            byte[] answer = replies.history(now, request, day(kind, from, minutes));
            long packet = MqttLink.replyPacketBytes(RESPONSE_TOPIC, answer, CORRELATION);
            System.out.printf(Locale.ROOT, "| %s | %,d | %,d | %.1f |%n", kind, answer.length, packet,
                    (double) answer.length / minutes);
        }
        byte[] plan = plan(PLAN_SLOTS);
        System.out.printf(Locale.ROOT, "%n# plan: %d slots, every figure a full-precision mean%n", PLAN_SLOTS);
        System.out.printf(Locale.ROOT, "| plan | payload bytes | bytes a slot |%n|---|---|---|%n| %d slots | %,d | %.1f |%n",
                PLAN_SLOTS, plan.length, (double) plan.length / PLAN_SLOTS);
    }

    private static List<Replies.Minute> day(String kind, Instant from, int minutes) {
        Random random = new Random(55);
        List<Replies.Minute> day = new ArrayList<>(minutes);
        for (int i = 0; i < minutes; i++) {
            Instant minute = from.plus(Duration.ofMinutes(i));
            double base = 100 + 400 * random.nextDouble();
            double ev = 130 * random.nextDouble();
            double unmeasured = ev * random.nextDouble();
            double bound = base * random.nextDouble();
            day.add(switch (kind) {
                case "round" -> new Replies.Minute(minute, tenth(base + 20), tenth(base), 0.0, 0.0, 0.0);
                case "no-ev" -> new Replies.Minute(minute, base + 20 * random.nextDouble(), base, 0.0, 0.0, 0.0);
                case "full" -> new Replies.Minute(minute, base + ev + random.nextDouble(), base, ev, unmeasured, bound);
                default -> throw new IllegalArgumentException("no such day: " + kind);
            });
        }
        return day;
    }

    /**
     * A plan message's payload (the envelope {@link Envelope#render} writes, as the outbox stores it) for SLOTS slots of
     * 15 minutes, the first ending at the next quarter hour (97 when the plan is made within a quarter hour): each
     * slot's two figures a full-precision mean, as the planner's are.
     */
    private static byte[] plan(int slots) {
        Random random = new Random(55);
        Instant created = Instant.parse("2026-12-05T17:03:12Z");
        Instant start = created;
        List<PlanBody.Slot> list = new ArrayList<>(slots);
        for (int i = 0; i < slots; i++) {
            Instant end = i == 0 ? Instant.parse("2026-12-05T17:15:00Z") : start.plus(Duration.ofMinutes(15));
            list.add(new PlanBody.Slot(start, end, 100 + 400 * random.nextDouble(), 130 * random.nextDouble()));
            start = end;
        }
        return Envelope.render("gw-0001", 123_456, created, new PlanBody(created, 15, list));
    }

    private static double tenth(double kw) {
        return Math.round(kw * 10) / 10.0;
    }
}
