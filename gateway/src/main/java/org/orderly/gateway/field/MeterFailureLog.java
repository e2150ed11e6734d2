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
import org.orderly.gateway.field.modbus.PollListener;
import org.slf4j.Logger;

/**
 * What a meter poller's log says of its meters failing, whatever the protocol (Modbus, DL/T 645). A failed poll between
 * good ones is ordinary on a field bus (a CRC error or a frame lost to noise that no retry had room for): DEBUG, the
 * meter read again next cycle. A meter whose polls have failed {@link #WARN_AFTER} in a row is said once at WARN, with
 * its last failure; again only when it fails another way; and INFO once a poll of it is answered whole after that.
 * Each failure still goes wherever the poller counts it; a stale transformer reading is the control's to say
 * (conservative mode). A failure of the port rather than the meter is said at once, by the poller
 * ({@link #failedAsSaid}) or here ({@link #failedSayingAtOnce}); the meter's INFO follows when it answers.
 * <p>
 * A meter that fails now and then, never {@link #WARN_AFTER} in a row, is said by its share of failed polls: each
 * {@link #RATE_WINDOW} of the poller's ticker, a meter with {@link #RATE_MIN_POLLS} polls or more in it, of which one in
 * {@link #RATE_ONE_IN} or more failed and at least one was answered whole, is one WARN with how many of how many failed
 * and how, and what to see to on the line (by how the poller reaches it: {@link FailureRateHint}); and INFO once a
 * whole window of it is under that share. The poller's {@link PollListener} is told of both
 * ({@link PollListener#onFailingOften}, {@link PollListener#onFailingSeldomAgain}): the page's alarm. Polls the port
 * failed ({@link #failedAsSaid}, {@link #failedSayingAtOnce}) are the port's, said at once, not counted here.
 * <p>
 * Once a meter is said to fail often, each window's end says its share as it is, so that the page's figure stays true:
 * a window in which every poll failed (the meter gone silent, however few times it was polled: a silent pile meter is
 * begun only with room for a whole timeout) is its share, {@code 1200 of 1200}, told to the listener without another
 * WARN (the in-a-row WARN has said the silence); and a window in which it was not polled at all (its port shut, a pile
 * meter the transformer meters' reads leave no room for, or one cut short at every cycle's end: each said by the
 * poller) ends it, INFO and {@link PollListener#onFailingSeldomAgain}, its share no longer known, as after a restart:
 * polled again, it is judged afresh. Every meter's window is closed at the first poll on the line after its end, its
 * own or another's, so that one no longer polled is still judged. The poller's thread only.
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
    /** Fewer polls in a window are no share to judge (a pile meter polled seldom): 3 failed of 60 is one in 20. */
    public static final int RATE_MIN_POLLS = 60;

    private final Logger log;
    private final String line;
    private final Map<String, Integer> failedInARow = new HashMap<>();
    /** How each meter's failing was last said at WARN (here or by the poller), until it answers whole. */
    private final Map<String, FailureKind> said = new HashMap<>();
    /** Meters with a failed read in the poll under way: a poll is counted once, however many of its reads fail. */
    private final Set<String> failedThisPoll = new HashSet<>();
    private final Ticker ticker;
    /** Each meter's polls in the window under way. */
    private final Map<String, PollWindow> windows = new HashMap<>();
    /** Meters whose last judged window failed one poll in {@link #RATE_ONE_IN} or more, said at WARN. */
    private final Set<String> rateSaid = new HashSet<>();
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

    /** A poll of the meter {@code meterId} begins. */
    public void pollBegan(String meterId) {
        failedThisPoll.remove(meterId);
        closeEndedWindows();
    }

    /**
     * Judges every meter's window that has lasted {@link #RATE_WINDOW}, a new one begun for each: a meter no longer
     * polled (a pile meter starved of room, a shut port's) has its window closed by the polls of the others.
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
     * when it fails another way), DEBUG otherwise.
     *
     * @param meter   the meter as the line names it, e.g. {@code meter tx (unit 1)}
     * @param failure what failed and how, e.g. {@code fc3 0x0000+1 failed after 1 attempt(s): TIMEOUT: ...}
     */
    public void failed(String meterId, String meter, FailureKind kind, String failure) {
        boolean firstOfPoll = !failedThisPoll.contains(meterId);
        int inARow = countPoll(meterId);
        if (inARow >= WARN_AFTER && said.get(meterId) != kind) {
            said.put(meterId, kind);
            log.warn("{}: {} {}; its last {} polls all failed", line, meter, failure, inARow);
        } else {
            log.debug("{}: {} {} ({} poll(s) in a row)", line, meter, failure, inARow);
        }
        if (firstOfPoll) {
            windowNow(meterId, meter).failed(kind);
        }
    }

    /**
     * A read that failed because of something the poller has said at WARN itself (the bus's port shut): DEBUG, the
     * meter's INFO to follow when it answers.
     */
    public void failedAsSaid(String meterId, String meter, FailureKind kind, String failure) {
        countPoll(meterId);
        said.put(meterId, kind);
        log.debug("{}: {} {}", line, meter, failure);
    }

    /**
     * A read that failed because of something to see to at once, not after polls in a row (a port that will not open):
     * WARN the first time for this meter (again only when it fails another way), DEBUG while it goes on.
     */
    public void failedSayingAtOnce(String meterId, String meter, FailureKind kind, String failure) {
        int inARow = countPoll(meterId);
        if (said.put(meterId, kind) != kind) {
            log.warn("{}: {} {}", line, meter, failure);
        } else {
            log.debug("{}: {} {} ({} poll(s) in a row)", line, meter, failure, inARow);
        }
    }

    /** A poll of the meter had every read answered. */
    public void answeredWhole(String meterId, String meter) {
        Integer inARow = failedInARow.remove(meterId);
        FailureKind was = said.remove(meterId);
        if (was != null) {
            log.info("{}: {} answering again after {}", line, meter, was);
        } else if (inARow != null) {
            log.debug("{}: {} answering again after {} failed poll(s)", line, meter, inARow);
        }
        windowNow(meterId, meter).answered();
    }

    /**
     * The meter's window a poll ending now belongs to: the one under way, or a new one once that is
     * {@link #RATE_WINDOW} old, after its verdict.
     */
    private PollWindow windowNow(String meterId, String meter) {
        Tick now = ticker.now();
        PollWindow window = windows.get(meterId);
        if (window == null || window.age(now).compareTo(RATE_WINDOW) >= 0) {
            if (window != null) {
                judge(meterId, window, window.age(now));
            }
            window = new PollWindow(meter, now);
            windows.put(meterId, window);
        }
        return window;
    }

    /**
     * A whole window's verdict: WARN when over the share with a poll answered whole, INFO when back under it, each
     * only with {@link #RATE_MIN_POLLS} polls; for a meter said to fail often, its share when every poll failed, and
     * its end when it was not polled.
     */
    private void judge(String meterId, PollWindow window, Duration age) {
        String meter = window.meter();
        int polls = window.polls();
        int failed = window.failedPolls();
        boolean standing = rateSaid.contains(meterId);
        if (polls == 0) {
            if (standing) {
                rateSaid.remove(meterId);
                log.info("{}: {} reached by no poll in the last {} min, how often it fails no longer known; judged"
                        + " afresh once a poll reaches it", line, meter, age.toMinutes());
                tell(() -> listener.onFailingSeldomAgain(meterId));
            }
            return;
        }
        if (failed == polls) {
            if (standing) {
                // silent: the share the page shows is the window's, the silence the in-a-row WARN's to say
                log.debug("{}: {} failed {} of {} polls in the last {} min ({})", line, meter, failed, polls,
                        age.toMinutes(), window.failedByKind());
                tell(() -> listener.onFailingOften(new FailureShare(meterId, failed, polls, age)));
            }
            return;
        }
        if (polls < RATE_MIN_POLLS) {
            return;
        }
        boolean over = failed * RATE_ONE_IN >= polls;
        if (over) {
            rateSaid.add(meterId);
            log.warn("{}: {} failed {} of {} polls in the last {} min ({}), one in {} or more, {}", line, meter, failed,
                    polls, age.toMinutes(), window.failedByKind(), RATE_ONE_IN, hint.text());
            tell(() -> listener.onFailingOften(new FailureShare(meterId, failed, polls, age)));
        } else if (rateSaid.remove(meterId)) {
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

    /** This poll's failures in a row, counting the poll under way once. */
    private int countPoll(String meterId) {
        return failedThisPoll.add(meterId)
                ? failedInARow.merge(meterId, 1, Integer::sum)
                : failedInARow.getOrDefault(meterId, 1);
    }
}
