package org.orderly.gateway.web;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.orderly.gateway.app.Gateway;
import org.orderly.gateway.app.LiveRig;
import org.orderly.gateway.app.TestBridge;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.web.alarm.AlarmBoard;
import org.orderly.gateway.web.view.OverviewBuilder;
import org.orderly.gateway.web.view.Today;

/**
 * A live gateway with its local page on a free 127.0.0.1 port: real firmware-bridges with cars plugged in and a
 * real Modbus TCP transformer meter (the app tests' {@link LiveRig}). The tariff is laid around the time the test
 * runs, in a zone where that is the evening: peak now and for two hours, then six valley hours, flat otherwise;
 * so an undeclared car waits for the valley and a reservation that must finish before it makes the plan charge now.
 */
final class WebRig implements AutoCloseable {
    private static final int EVENING_HOUR = 21;

    final LiveRig live;
    /** The compound's time zone, in which the page shows times and reads a reservation's departure. */
    final ZoneOffset zone;
    final WebServer web;
    final String base;

    WebRig(int piles, Path dir) throws Exception {
        this(piles, dir, List::of);
    }

    WebRig(int piles, Path dir, Supplier<List<GridCap>> caps) throws Exception {
        this(piles, dir, caps, "");
    }

    /** {@code webExtra}: more keys of the {@code web} section, e.g. {@code ", trustedProxies: [127.0.0.1]"}. */
    WebRig(int piles, Path dir, Supplier<List<GridCap>> caps, String webExtra) throws Exception {
        this(piles, dir, caps, webExtra, "web-users.json");
    }

    /** {@code usersFile}: the accounts file, relative to {@code dir}. */
    WebRig(int piles, Path dir, Supplier<List<GridCap>> caps, String webExtra, String usersFile) throws Exception {
        this(piles, dir, caps, webExtra, usersFile, "", TestBridge::new);
    }

    /**
     * With more top-level sections ({@code extraYaml}, e.g. {@code upstream:}) and each pile's bridge made by
     * {@code bridge}.
     */
    WebRig(int piles, Path dir, String extraYaml, LiveRig.BridgeMaker bridge) throws Exception {
        this(piles, dir, List::of, "", "web-users.json", extraYaml, bridge, Prices.PEAK_THEN_VALLEY);
    }

    /**
     * With one price all day (still in a zone where it is the evening): no later period is cheaper, so a car the
     * transformer's room cannot take now waits for its turn at the same price.
     */
    static WebRig onePrice(int piles, Path dir) throws Exception {
        return new WebRig(piles, dir, List::of, "", "web-users.json", "", TestBridge::new, Prices.ONE);
    }

    /**
     * The same, with the overloads' hold at {@code overloadHold} (as
     * {@link #withOffline(int, Path, LiveRig.Offline, Duration)}).
     */
    static WebRig onePrice(int piles, Path dir, Duration overloadHold) throws Exception {
        return new WebRig(piles, dir, List::of, overloadHoldS(overloadHold), "web-users.json", "", TestBridge::new,
                Prices.ONE);
    }

    /** The same, with each pile's bridge made by {@code bridge}. */
    static WebRig onePrice(int piles, Path dir, LiveRig.BridgeMaker bridge) throws Exception {
        return new WebRig(piles, dir, List::of, "", "web-users.json", "", bridge, Prices.ONE);
    }

    /**
     * The peak now and for 15 to 30 minutes more, then the flat price for three hours, and only then the valley: a
     * car that must leave within three hours waits for the flat price, which is cheaper but not the valley.
     */
    static WebRig peakThenFlat(int piles, Path dir) throws Exception {
        return new WebRig(piles, dir, List::of, "", "web-users.json", "", TestBridge::new, Prices.PEAK_FLAT_VALLEY);
    }

    /**
     * With the bridges' lease and the time a pile may go unheard set to {@code offline}: a test of a stopped bridge need
     * not wait out the defaults.
     */
    static WebRig withOffline(int piles, Path dir, LiveRig.Offline offline) throws Exception {
        return new WebRig(piles, dir, List::of, "", "web-users.json", "", TestBridge::new, Prices.PEAK_THEN_VALLEY,
                offline);
    }

    /** As {@link #withOffline(int, Path, LiveRig.Offline)}, with the grid caps {@code caps} gives. */
    static WebRig withOffline(int piles, Path dir, LiveRig.Offline offline, Supplier<List<GridCap>> caps) throws Exception {
        return new WebRig(piles, dir, caps, "", "web-users.json", "", TestBridge::new, Prices.PEAK_THEN_VALLEY,
                offline);
    }

    /**
     * The same, with the overloads' hold ({@code web.overloadHoldS}) at {@code overloadHold} rather than 10 s: a test
     * that only needs an overload alarm raised and cleared need not wait out the gateway's 10 and 30 s for each.
     */
    static WebRig withOffline(int piles, Path dir, LiveRig.Offline offline, Duration overloadHold) throws Exception {
        return new WebRig(piles, dir, List::of, overloadHoldS(overloadHold), "web-users.json", "", TestBridge::new,
                Prices.PEAK_THEN_VALLEY, offline);
    }

    /** The same, with more top-level sections ({@code extraYaml}, e.g. {@code upstream:}). */
    static WebRig withOffline(int piles, Path dir, LiveRig.Offline offline, String extraYaml) throws Exception {
        return new WebRig(piles, dir, List::of, "", "web-users.json", extraYaml, TestBridge::new,
                Prices.PEAK_THEN_VALLEY, offline);
    }

    /** The same, one price all day, with the bridges {@code bridge} makes for the piles. */
    static WebRig withOffline(int piles, Path dir, LiveRig.Offline offline, LiveRig.BridgeMaker bridge)
            throws Exception {
        return new WebRig(piles, dir, List::of, "", "web-users.json", "", bridge, Prices.ONE, offline);
    }

    /** The same, one price all day, with more top-level sections ({@code extraYaml}, e.g. {@code upstream:}). */
    static WebRig withOffline(int piles, Path dir, LiveRig.Offline offline, String extraYaml, LiveRig.BridgeMaker bridge)
            throws Exception {
        return new WebRig(piles, dir, List::of, "", "web-users.json", extraYaml, bridge, Prices.ONE, offline);
    }

    /** The shape of the day's prices around now. */
    private enum Prices { PEAK_THEN_VALLEY, ONE, PEAK_FLAT_VALLEY }

    private WebRig(int piles, Path dir, Supplier<List<GridCap>> caps, String webExtra, String usersFile,
                   String extraYaml, LiveRig.BridgeMaker bridge) throws Exception {
        this(piles, dir, caps, webExtra, usersFile, extraYaml, bridge, Prices.PEAK_THEN_VALLEY);
    }

    private WebRig(int piles, Path dir, Supplier<List<GridCap>> caps, String webExtra, String usersFile,
                   String extraYaml, LiveRig.BridgeMaker bridge, Prices prices) throws Exception {
        this(piles, dir, caps, webExtra, usersFile, extraYaml, bridge, prices, null);
    }

    private WebRig(int piles, Path dir, Supplier<List<GridCap>> caps, String webExtra, String usersFile,
                   String extraYaml, LiveRig.BridgeMaker bridge, Prices prices, LiveRig.Offline offline) throws Exception {
        this(piles, dir, caps, webExtra, usersFile, extraYaml, bridge, prices, offline, null);
    }

    /**
     * With a line limit, the meter reading each line as the households on it ({@code lines}) plus the piles on it; one
     * price all day.
     */
    static WebRig withLines(int piles, Path dir, LiveRig.Lines lines) throws Exception {
        return new WebRig(piles, dir, List::of, "", "web-users.json", "", TestBridge::new, Prices.ONE, null, lines);
    }

    /** The same, with the overloads' hold at {@code overloadHold} (as {@link #withOffline(int, Path, LiveRig.Offline, Duration)}). */
    static WebRig withLines(int piles, Path dir, LiveRig.Lines lines, Duration overloadHold) throws Exception {
        return new WebRig(piles, dir, List::of, overloadHoldS(overloadHold), "web-users.json", "", TestBridge::new,
                Prices.ONE, null, lines);
    }

    private static String overloadHoldS(Duration hold) {
        return ", overloadHoldS: " + hold.toSeconds();
    }

    /**
     * @param offline the bridges' lease and the time a pile may go unheard; null: the configuration's defaults
     * @param lines   the line limit and the households on each line; null: none
     */
    private WebRig(int piles, Path dir, Supplier<List<GridCap>> caps, String webExtra, String usersFile,
                   String extraYaml, LiveRig.BridgeMaker bridge, Prices prices, LiveRig.Offline offline,
                   LiveRig.Lines lines) throws Exception {
        // The compound's clock reads about 21:00 whatever the hour on this machine: residents plugging in then
        // stay the night (the built-in residential habits know it), so the scheduler's choices do not depend
        // on when the test runs.
        ZonedDateTime utc = ZonedDateTime.now(ZoneOffset.UTC);
        zone = ZoneOffset.ofHours(Math.floorMod(EVENING_HOUR - utc.getHour() + 12, 24) - 12);
        ZonedDateTime now = utc.withZoneSameInstant(zone);
        LocalTime peakFrom = now.toLocalTime().withSecond(0).withNano(0).minusMinutes(now.getMinute() % 15 + 15);
        LocalTime valleyFrom = peakFrom.plusMinutes(135);
        LocalTime flatFrom = valleyFrom.plusHours(6);
        String tariff = """
                tariff:
                  zone: "%s"
                  periods:
                    - { from: "%s", to: "%s", price: 1.2 }
                    - { from: "%s", to: "%s", price: 0.3 }
                    - { from: "%s", to: "%s", price: 0.7 }
                """.formatted(zone.getId(), peakFrom, end(valleyFrom), valleyFrom, end(flatFrom), flatFrom, end(peakFrom));
        if (prices == Prices.ONE) {
            tariff = """
                    tariff:
                      zone: "%s"
                      periods: [ { from: "00:00", to: "24:00", price: 0.5 } ]
                    """.formatted(zone.getId());
        } else if (prices == Prices.PEAK_FLAT_VALLEY) {
            LocalTime flat = peakFrom.plusMinutes(45);
            LocalTime valley = flat.plusHours(3);
            LocalTime flatAgain = valley.plusHours(6);
            tariff = """
                    tariff:
                      zone: "%s"
                      periods:
                        - { from: "%s", to: "%s", price: 1.2 }
                        - { from: "%s", to: "%s", price: 0.7 }
                        - { from: "%s", to: "%s", price: 0.3 }
                        - { from: "%s", to: "%s", price: 0.7 }
                    """.formatted(zone.getId(), peakFrom, end(flat), flat, end(valley), valley, end(flatAgain),
                    flatAgain, end(peakFrom));
        }
        String webYaml = """
                web: { bind: 127.0.0.1, port: 0, sessionMinutes: 30, usersFile: %s%s }
                """.formatted(usersFile, webExtra);
        live = lines == null ? new LiveRig(piles, 8, dir, tariff, webYaml + extraYaml, caps, bridge, offline)
                : new LiveRig(piles, dir, tariff, webYaml + extraYaml, caps, bridge, offline, lines);
        web = live.gateway.web().orElseThrow();
        base = web.url().substring(0, web.url().length() - 1);
    }

    /** A period ending at midnight ends at "24:00". */
    private static String end(LocalTime t) {
        return t.equals(LocalTime.MIDNIGHT) ? "24:00" : t.toString();
    }

    /** The token of the one-time setup link the gateway offers while it has no installer. */
    String setupToken() {
        String url = web.setupUrl();
        if (url == null || !url.contains("#setup=")) {
            throw new AssertionError("no one-time setup link: " + url);
        }
        return url.substring(url.indexOf("#setup=") + "#setup=".length());
    }

    /**
     * The page's overview of {@code gateway}, built when asked (the tests that stop the control thread first), with no
     * figures of today's and no certificate.
     */
    static OverviewBuilder overview(Gateway gateway) {
        return new OverviewBuilder(gateway, Clock.systemUTC(), new AlarmBoard(gateway.store(), gateway.ticker()),
                () -> new Today(0, 0, 0, 0), Optional::empty);
    }

    static void await(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + within + ": " + what);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        live.close();
    }
}
