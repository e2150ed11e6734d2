package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.model.Pile;
import org.orderly.gateway.core.model.Transformer;
import org.orderly.gateway.core.session.PastSession;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.store.SessionRecord;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreReader;
import org.orderly.gateway.store.StoreSettings;

class RememberedSessionsTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final UncountedPiles NONE_UNCOUNTED = new UncountedPiles(Set.of());

    @TempDir
    Path dir;

    @Test
    void theSessionsThatEndedInTheLastFourWeeksComeBackAfterARestart() throws Exception {
        Compound compound = compound("p0", "p1");
        Instant day = NOW.minus(Duration.ofDays(1));
        Instant old = NOW.minus(Duration.ofDays(40));
        stored(new SessionRecord("ended", "p0", day, day.plusSeconds(36_000), day.plusSeconds(34_000), 20, 18.5, true),
                new SessionRecord("still-plugged", "p1", NOW.minusSeconds(600), null, null, Double.NaN, 1, false),
                new SessionRecord("gone-pile", "p9", day, day.plusSeconds(3600), null, Double.NaN, 5, false),
                new SessionRecord("too-old", "p1", old, old.plusSeconds(3600), null, Double.NaN, 5, false));

        List<PastSession> fed = fed(compound, NONE_UNCOUNTED);

        assertThat(fed).singleElement().satisfies(p -> {
            assertThat(p.pileIndex()).isZero();
            assertThat(p.hours()).isEqualTo(10.0);
            assertThat(p.energyKWh()).isEqualTo(18.5);
            assertThat(p.declared().energyKWh()).isEqualTo(20);
            assertThat(p.declared().departure()).isEqualTo(day.plusSeconds(34_000));
            assertThat(p.reachedFull()).isTrue();
        });
    }

    @Test
    void aSessionWhoseCarLeftWhileTheGatewayWasDownTeachesNoHabit() throws Exception {
        Compound compound = compound("p0");
        Instant evening = NOW.minus(Duration.ofHours(20));
        // Plugged in at 16:00, last seen at 17:00 when the gateway stopped, found gone when it came back: it left at some
        // time after 17:00, which is no departure to learn.
        stored(new SessionRecord("p0@1-1", "p0", evening, null, null, Double.NaN, 3, false, true,
                        evening.plusSeconds(3600), 3).departedUnseen(),
                new SessionRecord("p0@2-2", "p0", evening.plus(Duration.ofHours(5)),
                        evening.plus(Duration.ofHours(15)), null, Double.NaN, 20, false));

        List<PastSession> fed = fed(compound, NONE_UNCOUNTED);

        assertThat(fed).singleElement().satisfies(p -> assertThat(p.hours()).isEqualTo(10.0));
    }

    /**
     * A row written before migration 9 says 0 kWh for a session on a pile that counts no session energy (a Modbus map
     * without energy.session.kwh): until 2026-12-04 the habits learned a car that wanted nothing from it, for the four
     * weeks after an upgrade. A 0 on a pile that counts energy is a car that took nothing.
     */
    @Test
    void aZeroFromAPileThatCountsNoEnergyIsNotKnownAndAZeroFromOneThatCountsStaysZero() throws Exception {
        Compound compound = compound("uncounted", "counted");
        Instant day = NOW.minus(Duration.ofDays(2));
        Instant nextDay = day.plus(Duration.ofDays(1));
        stored(new SessionRecord("old-row", "uncounted", day, day.plusSeconds(36_000), null, Double.NaN, 0, false),
                new SessionRecord("new-row", "uncounted", nextDay, nextDay.plusSeconds(36_000), null, Double.NaN,
                        Double.NaN, false),
                new SessionRecord("took-nothing", "counted", day, day.plusSeconds(36_000), null, Double.NaN, 0, true));

        List<PastSession> fed = fed(compound, new UncountedPiles(Set.of("uncounted")));
        assertThat(fed).hasSize(3);

        assertThat(fed.stream().filter(p -> p.pileIndex() == 0).map(PastSession::energyKWh))
                .as("the uncounted pile's rows, 0 before migration 9 and null since: not known")
                .hasSize(2).allSatisfy(e -> assertThat(e).isNaN());
        assertThat(fed.stream().filter(p -> p.pileIndex() == 1)).singleElement()
                .satisfies(p -> assertThat(p.energyKWh()).as("a car that took nothing").isZero());
    }

    /** A store at {@code dir} holding {@code rows}, written and closed as by a gateway before its restart. */
    private void stored(SessionRecord... rows) throws Exception {
        try (Store store = Store.open(StoreSettings.of(dir.resolve("s.db"), 90), clock())) {
            for (SessionRecord row : rows) {
                store.session(row);
            }
            assertThat(store.flush(Duration.ofSeconds(5))).isTrue();
        }
    }

    /** What the store at {@code dir}, opened again, teaches the habits at {@link #NOW}. */
    private List<PastSession> fed(Compound compound, UncountedPiles uncounted) throws Exception {
        List<PastSession> fed = new ArrayList<>();
        try (Store store = Store.open(StoreSettings.of(dir.resolve("s.db"), 90), clock());
             StoreReader reader = store.reader()) {
            assertThat(RememberedSessions.feed(reader, compound, uncounted, NOW, fed::add)).isEqualTo(fed.size());
        }
        return fed;
    }

    /** A compound of these piles, one on each phase in turn. */
    private static Compound compound(String... piles) {
        List<Pile> list = new ArrayList<>();
        for (int i = 0; i < piles.length; i++) {
            list.add(new Pile(piles[i], Phase.values()[i % 3], 6, 32, null));
        }
        return new Compound(new Transformer(100, Double.NaN, 220), List.of(), list);
    }

    private static VirtualClock clock() {
        return new VirtualClock(NOW, ZoneOffset.UTC);
    }
}
