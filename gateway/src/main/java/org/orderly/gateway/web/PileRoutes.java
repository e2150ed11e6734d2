package org.orderly.gateway.web;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.orderly.gateway.app.DeclarationEvent;
import org.orderly.gateway.app.Gateway;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Pile;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.store.EventKind;
import org.orderly.gateway.web.alarm.AlarmBoard;
import org.orderly.text.Amps;
import org.orderly.text.AsWritten;
import org.orderly.text.SaidBack;

/**
 * The installer's changes: a reservation for a plugged car, a pile's pause or limit, an alarm's acknowledgement.
 * Reservations and limits go to the control thread's queue ({@code ControlLoop.declare}, {@code limitPile}) and take
 * effect at the next cycle; nothing here waits for it. Each change is stored as an event with who made it, after it is
 * in force: the store is history the gateway controls without (a change does not wait on it, nor is undone by its
 * failure), and the answer says whether the event was recorded ({@link ChangeRecord}).
 */
final class PileRoutes {
    private static final Duration MAX_AHEAD = Duration.ofDays(7);
    private static final double MAX_KWH = 200;
    /** The alarm acknowledged as the page reads every alarm (Javalin's mapper is a plain one too), as a map to add to. */
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> AS_MAP = new TypeReference<>() { };

    private final Gateway gateway;
    private final Compound compound;
    private final ZoneId zone;
    private final AlarmBoard alarms;
    private final LiveFeed feed;
    private final Clock clock;

    PileRoutes(Gateway gateway, AlarmBoard alarms, LiveFeed feed, Clock clock) {
        this.gateway = gateway;
        this.compound = gateway.config().compound();
        this.zone = gateway.config().zone();
        this.alarms = alarms;
        this.feed = feed;
        this.clock = clock;
    }

    void reserve(Context ctx) {
        int pile = pile(ctx);
        JsonNode body = JsonBody.of(ctx, "departure", "energyKwh");
        Instant departure = departure(body.get("departure"));
        double energy = Double.NaN;
        JsonNode e = body.get("energyKwh");
        if (e != null && !e.isNull()) {
            if (!(NumberField.of("energyKwh", e) > 0) || e.asDouble() > MAX_KWH) {
                String was = SaidBack.of(e.toString());
                throw ApiError.bad(Refusal.ENERGY_OUT_OF_RANGE, Map.of("max", (int) MAX_KWH, "was", was),
                        "energyKwh: a number of kWh in (0, " + (int) MAX_KWH + "], was " + was);
            }
            energy = e.asDouble();
        }
        if (departure == null && Double.isNaN(energy)) {
            throw ApiError.bad(Refusal.RESERVATION_EMPTY, Map.of(), "give a departure, an energyKwh, or both");
        }
        String id = compound.pile(pile).id();
        if (!feed.latest().piles().get(pile).plugged()) {
            throw new ApiError(409, Refusal.NO_VEHICLE_PLUGGED, Map.of("pile", id),
                    "pile " + id + ": no vehicle is plugged in to reserve for");
        }
        Declaration declared = new Declaration(departure, energy);
        gateway.loop().declare(pile, declared);
        // The overview the page fetches next says it (LiveFeed#refresh), not one built before the save.
        feed.refresh();
        String by = AccessGuard.signIn(ctx).name();
        ChangeRecord.Recorded recorded = ChangeRecord.of(DeclarationEvent.storeTold(gateway.store(),
                EventKind.WEB_RESERVATION, id, declared, by), "pile " + id + "'s reservation by " + by);
        ctx.status(202).json(recorded.into(Map.of("pile", id)));
    }

    /** The compound's local time "2026-11-30T07:30", in the future and within a week; null when not given. */
    private Instant departure(JsonNode d) {
        if (d == null || d.isNull()) {
            return null;
        }
        if (!d.isTextual()) {
            throw ApiError.bad(Refusal.DEPARTURE_NOT_LOCAL_TIME, Map.of("was", new GivenValue(d).shown()),
                    "departure: a local time like \"2026-11-30T07:30\" (" + zone + ")");
        }
        Instant departure;
        String was = SaidBack.of(d.asText());
        try {
            departure = LocalDateTime.parse(d.asText()).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            throw ApiError.bad(Refusal.DEPARTURE_NOT_LOCAL_TIME, Map.of("was", was),
                    "departure: '" + was + "' is not a local time like 2026-11-30T07:30");
        }
        Instant now = clock.instant();
        if (!departure.isAfter(now)) {
            throw ApiError.bad(Refusal.DEPARTURE_NOT_FUTURE, Map.of("was", was),
                    "departure: " + was + " is not in the future");
        }
        if (departure.isAfter(now.plus(MAX_AHEAD))) {
            throw ApiError.bad(Refusal.DEPARTURE_TOO_FAR, Map.of("was", was, "days", MAX_AHEAD.toDays()),
                    "departure: " + was + " is more than 7 days ahead");
        }
        return departure;
    }

    void limit(Context ctx) {
        int index = pile(ctx);
        Pile pile = compound.pile(index);
        JsonNode a = JsonBody.of(ctx, "amps").get("amps");
        if (a == null) {
            // Said, not taken as no limit: a body that lost its amps must not lift a pause.
            throw ApiError.bad(Refusal.FIELD_REQUIRED, Map.of("field", "amps"),
                    "amps: required: 0 pauses, null lifts the limit, or a current");
        }
        double amps;
        if (a.isNull()) {
            amps = Double.POSITIVE_INFINITY;
        } else if (!(NumberField.of("amps", a) == 0 || (a.asDouble() >= pile.minCurrentA()
                && a.asDouble() <= pile.maxCurrentA()))) {
            String was = SaidBack.of(a.toString());
            throw ApiError.bad(Refusal.PILE_LIMIT_OUT_OF_RANGE, Map.of("pile", pile.id(), "min", pile.minCurrentA(),
                    "max", pile.maxCurrentA(), "was", was), "amps: 0 (pause), null (no limit) or "
                    + AsWritten.number(pile.minCurrentA()) + ".." + AsWritten.number(pile.maxCurrentA()) + " for pile "
                    + pile.id() + ", was " + was);
        } else {
            amps = a.asDouble();
        }
        gateway.loop().limitPile(index, amps);
        String by = AccessGuard.signIn(ctx).name();
        // Said as the pile's row says it (10 A, not 10.0 A), so that the event and the row it holds agree.
        String given = Double.isInfinite(amps) ? null : Amps.number(amps);
        ChangeRecord.Recorded recorded = ChangeRecord.of(gateway.store().eventOutcome(EventKind.WEB_LIMIT, pile.id(),
                (given == null ? "no limit" : given + " A") + " by " + by, EventKind.FORM,
                given == null ? "lifted" : amps == 0 ? "paused" : "amps", "amps", given, "by", by),
                "pile " + pile.id() + "'s limit by " + by);
        ctx.status(202).json(recorded.into(Map.of("pile", pile.id())));
    }

    void acknowledge(Context ctx) {
        String id = ctx.pathParam("id");
        if (!id.matches("a[0-9]{1,12}")) {
            throw ApiError.bad("alarm id: like a12, was '" + SaidBack.of(id) + "'");
        }
        JsonBody.none(ctx);
        String by = AccessGuard.signIn(ctx).name();
        AlarmBoard.Acknowledged acked = alarms.acknowledge(id, by, clock.instant())
                .orElseThrow(() -> new ApiError(404, Refusal.NO_ALARM, Map.of("id", id), "no alarm " + id));
        ChangeRecord.Recorded recorded = ChangeRecord.of(acked.event(), "alarm " + id + "'s acknowledgement by " + by);
        ctx.json(recorded.into(JSON.convertValue(acked.alarm(), AS_MAP)));
    }

    private int pile(Context ctx) {
        String id = ctx.pathParam("id");
        int index = compound.indexOf(id);
        if (index < 0) {
            String said = SaidBack.of(id);
            throw new ApiError(404, Refusal.NO_PILE, Map.of("pile", said), "no pile '" + said + "'");
        }
        return index;
    }
}
