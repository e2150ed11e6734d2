package org.orderly.gateway.field;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.modbus.FailureKind;
import org.orderly.gateway.field.modbus.FailureShare;
import org.orderly.gateway.field.modbus.PollFailure;
import org.orderly.gateway.field.modbus.PollListener;
import org.orderly.text.Count;
import org.slf4j.Logger;

/**
 * What a meter poller's log says of its meters failing, whatever the protocol (Modbus, DL/T 645), and what it tells the
 * poller's {@link PollListener}: every failure ({@link PollListener#onFailure}), whichever of the three ways it is
 * said, so that both protocols report each failure by this one code. A failed poll between good ones is ordinary on a
 * field bus (a CRC error or a frame lost to noise that no retry had room for): DEBUG, the meter read again next cycle.
 * A meter whose polls have failed {@link #WARN_AFTER} in a row is said once at WARN, with its last failure; again only
 * when it fails another way; and INFO once a poll of it is answered whole after that. A stale transformer reading is
 * the control's to say (conservative mode). A failure of the port rather than the meter is said at once, by the poller
 * ({@link #failedAsSaid}) or here ({@link #failedSayingAtOnce}); the meter's INFO follows when it answers.
 * <p>
 * The listener hears of a meter failing too often ({@link PollListener#onFailingOften}, the page's alarm) two ways:
 * <ul>
 *   <li>silent: at its {@link #WARN_AFTER}th failed poll in a row, when they were not refusals (a meter refusing a
 *   register answers: its map is to fix, not its line), with the share of those polls, {@code 3 of 3}, over the time
 *   since the first, and again at each window's end while it is silent ({@code 1200 of 1200} in 10 min), not at
 *   each poll: a figure moving every poll would redraw the page's alarm list under the manager's hand; told it
 *   answers again ({@link PollListener#onFailingSeldomAgain}) at its first poll answered whole, its windows judged as
 *   ever. Without it a pile meter on a bus that fell silent had no alarm at all (the transformer's has the control's
 *   stale reading), and one that was healthy until then waited for its window's end, or, silent late in it, for
 *   ever;</li>
 *   <li>by its share: each {@link #RATE_WINDOW} of the poller's ticker, a meter of which one poll in
 *   {@link #RATE_ONE_IN} or more failed, {@link #RATE_MIN_FAILED} at least of {@link #RATE_MIN_POLLS} or more, and at
 *   least one was answered whole, is one WARN with how many of how many failed and how, and what to see to on the line
 *   (by how the poller reaches it: {@link FailureRateHint}); and INFO, the listener told, once a whole window of it is
 *   under that share.</li>
 * </ul>
 * Polls the port failed ({@link #failedAsSaid}, {@link #failedSayingAtOnce}) are the port's, said at once, not counted
 * here.
 * <p>
 * Once a meter is told of as failing often, each window's end says its share as it is, so that the page's figure stays
 * true: a window in which every poll failed (the meter silent, however few times it was polled: a silent pile meter is
 * begun only with room for a whole timeout) is its share, {@code 1200 of 1200}, told to the listener without another
 * WARN (the in-a-row WARN has said the silence); and a window in which it was not polled at all (its port shut, a pile
 * meter the transformer meters' reads leave no room for, or one cut short at every cycle's end: each said by the
 * poller) ends it, INFO and {@link PollListener#onFailingSeldomAgain}, its share no longer known, as after a restart:
 * polled again, it is judged afresh. A window begins when its first poll begins, and each poll is its window's; every
 * meter's window is closed at the first poll on the line that begins after its end, its own or another's, so that one
 * no longer polled is still judged. The poller's thread only.
 */
public final class MeterFailureLog {
    /** Polls in a row that failed before a meter is said to fail: a cycle or two lost is no meter to see to. */
    public static final int WARN_AFTER = 3;
    /**
     * The polls a failure share is judged on: long enough that a burst of noise (a contactor switching beside the line)
     * is a small share of it, short enough that an installer on site sees the verdict. The pollers' cycles are 500 ms
     * to a few seconds: a transformer meter's 10 minutes are some 200 to 1200 polls.
     */
    public static final Duration RATE_WINDOW = Duration.ofMinutes(10);
    /**
     * A sound RS-485 line loses a frame to noise seldom (a bit error rate of 1e-7 loses about one 20-byte exchange in
     * 50 000), well under one poll in a thousand even beside switching gear; one failed poll in 20 is a line at its
     * limit: a missing or doubled terminator, a loose A/B wire, a baud rate at the edge of the meter's tolerance, or
     * another master talking over this one. A meter failing every other poll is ten times over it.
     */
    public static final int RATE_ONE_IN = 20;
    /**
     * Fewer polls in a window are no share to judge, either way: a meter polled less than once a minute. A pile meter
     * on a slow bus (many units, a long cycle) is polled every 30 s or so, 20 times a window, and is judged on those.
     */
    public static final int RATE_MIN_POLLS = 10;
    /**
     * Fewer failed polls in a window say no meter fails often, however few the polls: a burst of noise (a contactor
     * switching beside the line) takes one poll or two, and one lost of 20 is no line at its limit. Three is where the
     * in-a-row rule calls a meter failing too; at 60 polls or more a window, one in {@link #RATE_ONE_IN} is three or
     * more anyway. A meter already said to fail often keeps it while its share is over, however few failed.
     */
    public static final int RATE_MIN_FAILED = 3;

    private final Logger log;
    private final String line;
    private final Map<String, Integer> failedInARow = new HashMap<>();
    /** How each meter's failing was last said at WARN (here or by the poller), until it answers whole. */
    private final SaidAtWarn<String, FailureKind> said = new SaidAtWarn<>();
    /** Meters with a failed read in the poll under way: a poll is counted once, however many of its reads fail. */
    private final Set<String> failedThisPoll = new HashSet<>();
    private final Ticker ticker;
    /** Each meter's polls in the window under way. */
    private final Map<String, PollWindow> windows = new HashMap<>();
    /** Meters told to the listener as failing often, and why, until told of as no longer. */
    private final Map<String, Standing> standing = new HashMap<>();
    /** When each meter's failed polls in a row began. */
    private final Map<String, Tick> silentSince = new HashMap<>();
    private final FailureRateHint hint;
    private final PollListener listener;

    /**
     * @param log      the poller's logger, so that its lines keep their logger's name
     * @param line     begins each line: the bus or line, e.g. {@code bus room} or {@code DL/T 645 line room-645}
     * @param hint     what a meter failing one poll in {@link #RATE_ONE_IN} points to on this bus or line
     * @param ticker   the poller's, which windows of polls are measured on
     * @param listener the poller's, told of a meter failing often and of one no longer
     */
    public MeterFailureLog(Logger log, String line, FailureRateHint hint, Ticker ticker, PollListener listener) {
        this.log = Objects.requireNonNull(log, "log");
        this.line = Objects.requireNonNull(line, "line");
        this.hint = Objects.requireNonNull(hint, "hint");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * A poll of the meter {@code meterId} begins: every meter's window that has lasted {@link #RATE_WINDOW} is judged,
     * and this poll is counted in the meter's window under way (begun now when it has none), the one it began in.
     *
     * @param meter the meter as the line names it, e.g. {@code meter tx (unit 1)}
     */
    public void pollBegan(String meterId, String meter) {
        failedThisPoll.remove(meterId);
        closeEndedWindows();
        windows.computeIfAbsent(meterId, id -> new PollWindow(meter, ticker.now()));
    }

    /**
     * Judges every meter's window that has lasted {@link #RATE_WINDOW}, a new one begun for each: a meter no longer
     * polled (a pile meter starved of room, a shut port's) has its window closed by the polls of the others. The one
     * place a window ends: a poll belongs to the window it began in.
     */
    private void closeEndedWindows() {
        Tick now = ticker.now();
        for (Map.Entry<String, PollWindow> e : windows.entrySet()) {
            PollWindow window = e.getValue();
            Duration age = window.age(now);
            if (age.compareTo(RATE_WINDOW) >= 0) {
                judge(e.getKey(), window, age);
                e.setValue(new PollWindow(window.meter(), now));
            }
        }
    }

    /**
     * A read of a meter failed, after its retries: WARN at its {@link #WARN_AFTER}th failed poll in a row (again only
     * when it fails another way), DEBUG otherwise; told to the listener. From that poll on a meter not answering (any
     * failure but a refusal, which an answering meter sends) is told to the listener as failing often, its share
     * the polls since it fell silent ({@link Standing#SILENT}), unless a window said so already; then each window's end
     * says its share.
     *
     * @param meter   the meter as the line names it, e.g. {@code meter tx (unit 1)}
     * @param failure what failed and how
     * @param said    what the log says of it, e.g. {@code fc3 0x0000+1 failed after 1 attempt: TIMEOUT: ...}
     */
    public void failed(String meter, PollFailure failure, String said) {
        failed(meter, failure, said, LateCheck.NONE);
    }

    /**
     * As {@link #failed(String, PollFailure, String)}, its WARN followed by what {@code late} says (of a timeout, or of
     * a Modbus TCP reply that ended early, {@link org.orderly.gateway.field.modbus.ReplyBytes}): asked
     * only then, once a silence (again only when the meter fails another way), so that a meter asked again with a long
     * wait slows the other meters' polls by that one ask per WARN.
     */
    public void failed(String meter, PollFailure failure, String said, LateCheck late) {
        String meterId = failure.meterId();
        FailureKind kind = failure.kind();
        boolean firstOfPoll = !failedThisPoll.contains(meterId);
        int inARow = countPoll(meterId);
        if (inARow >= WARN_AFTER && this.said.news(meterId, kind)) {
            // a meter that answers late, or a Modbus TCP reply that ended early, is what a check can tell more of
            boolean askable = kind == FailureKind.TIMEOUT || kind == FailureKind.CONNECTION;
            String answersLate = askable ? late.ask().map(a -> "; " + a).orElse("") : "";
            log.warn("{}: {} {}; its last {} polls all failed{}", line, meter, said, inARow, answersLate);
        } else {
            log.debug("{}: {} {} ({} in a row)", line, meter, said, Count.of(inARow, "poll"));
        }
        if (firstOfPoll) {
            windows.get(meterId).failed(kind);
            if (inARow >= WARN_AFTER && kind != FailureKind.EXCEPTION_RESPONSE && !standing.containsKey(meterId)) {
                standing.put(meterId, Standing.SILENT);
                Duration since = ticker.now().since(silentSince.get(meterId));
                tell(() -> listener.onFailingOften(new FailureShare(meterId, inARow, inARow, since)));
            }
        }
        tell(() -> listener.onFailure(failure));
    }

    /**
     * A read that failed because of something the poller has said at WARN itself (the bus's port shut): DEBUG, the
     * meter's INFO to follow when it answers; told to the listener.
     */
    public void failedAsSaid(String meter, PollFailure failure, String said) {
        countPoll(failure.meterId());
        this.said.saidElsewhere(failure.meterId(), failure.kind());
        log.debug("{}: {} {}", line, meter, said);
        tell(() -> listener.onFailure(failure));
    }

    /**
     * A read that failed because of something to see to at once, not after polls in a row (a port that will not open):
     * WARN the first time for this meter (again only when it fails another way), DEBUG while it goes on; told to the
     * listener.
     */
    public void failedSayingAtOnce(String meter, PollFailure failure, String said) {
        int inARow = countPoll(failure.meterId());
        if (this.said.news(failure.meterId(), failure.kind())) {
            log.warn("{}: {} {}", line, meter, said);
        } else {
            log.debug("{}: {} {} ({} in a row)", line, meter, said, Count.of(inARow, "poll"));
        }
        tell(() -> listener.onFailure(failure));
    }

    /** A poll of the meter had every read answered: a meter told of as silent is told of as answering again. */
    public void answeredWhole(String meterId, String meter) {
        Integer inARow = failedInARow.remove(meterId);
        silentSince.remove(meterId);
        FailureKind was = said.over(meterId);
        if (was != null) {
            log.info("{}: {} answering again after {}", line, meter, was);
        } else if (inARow != null) {
            log.debug("{}: {} answering again after {}", line, meter, Count.of(inARow, "failed poll"));
        }
        windows.get(meterId).answered();
        if (standing.remove(meterId, Standing.SILENT)) {
            tell(() -> listener.onFailingSeldomAgain(meterId));
        }
    }

    /**
     * A whole window's verdict: with {@link #RATE_MIN_POLLS} polls, WARN when over the share with a poll answered whole
     * (and {@link #RATE_MIN_FAILED} failed, unless it was said to fail often already), INFO when back under it; for a
     * meter told of as failing often, its share when every poll failed, and its end when it was not polled. A meter
     * told of as silent stands while it is, its figure its silence's, whatever the share of a window its silence began
     * late in; a window without a poll of it ends it as any, and polled again, still silent, it is told of again at its
     * next failure.
     */
    private void judge(String meterId, PollWindow window, Duration age) {
        String meter = window.meter();
        int polls = window.polls();
        int failed = window.failedPolls();
        Standing was = standing.get(meterId);
        if (polls == 0) {
            if (was != null) {
                standing.remove(meterId);
                log.info("{}: {} reached by no poll in the last {} min, how often it fails no longer known; judged"
                        + " afresh once a poll reaches it", line, meter, age.toMinutes());
                tell(() -> listener.onFailingSeldomAgain(meterId));
            }
            return;
        }
        if (failed == polls) {
            if (was != null) {
                // silent: the share the page shows is the window's, the silence the in-a-row WARN's to say
                log.debug("{}: {} failed {} of {} polls in the last {} min ({})", line, meter, failed, polls,
                        age.toMinutes(), window.failedByKind());
                tell(() -> listener.onFailingOften(new FailureShare(meterId, failed, polls, age)));
            }
            return;
        }
        if (was == Standing.SILENT || polls < RATE_MIN_POLLS) {
            return; // silent since late in the window: its figure is its silence's until it answers or a window ends
        }
        boolean over = failed * RATE_ONE_IN >= polls
                && (failed >= RATE_MIN_FAILED || was == Standing.FAILING_OFTEN);
        if (over) {
            standing.put(meterId, Standing.FAILING_OFTEN);
            log.warn("{}: {} failed {} of {} polls in the last {} min ({}), one in {} or more, {}", line, meter, failed,
                    polls, age.toMinutes(), window.failedByKind(), RATE_ONE_IN, hint.text());
            tell(() -> listener.onFailingOften(new FailureShare(meterId, failed, polls, age)));
        } else if (was == Standing.FAILING_OFTEN) {
            standing.remove(meterId);
            log.info("{}: {} failed {} of {} polls in the last {} min{}, under one in {} again", line, meter, failed,
                    polls, age.toMinutes(), failed == 0 ? "" : " (" + window.failedByKind() + ")", RATE_ONE_IN);
            tell(() -> listener.onFailingSeldomAgain(meterId));
        }
    }

    /** Tells the listener, which must not stop the poll: what it throws is logged and ignored, as the pollers do. */
    private void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("{}: poll listener threw; ignored", line, e);
        }
    }

    /** This poll's failures in a row, counting the poll under way once; the first of them marks when they began. */
    private int countPoll(String meterId) {
        if (!failedThisPoll.add(meterId)) {
            return failedInARow.getOrDefault(meterId, 1);
        }
        silentSince.putIfAbsent(meterId, ticker.now());
        return failedInARow.merge(meterId, 1, Integer::sum);
    }

    /** Why a meter is told to the listener as failing often, until it is told of as no longer. */
    private enum Standing {
        /** It failed {@link #WARN_AFTER} polls in a row, not refused: told at once, until a poll is answered whole. */
        SILENT,
        /** A window's share was one in {@link #RATE_ONE_IN} or more: until a whole window is under it. */
        FAILING_OFTEN
    }
}
