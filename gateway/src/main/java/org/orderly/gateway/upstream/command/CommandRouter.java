package org.orderly.gateway.upstream.command;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.store.Database;
import org.orderly.gateway.store.EventKind;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreException;
import org.orderly.gateway.upstream.Topics;
import org.orderly.gateway.upstream.link.CommandSink;
import org.orderly.gateway.upstream.link.IncomingCommand;
import org.orderly.gateway.upstream.link.MqttLink;
import org.orderly.gateway.upstream.message.CapMeet;
import org.orderly.gateway.upstream.message.EventBody;
import org.orderly.text.OneLine;
import org.orderly.gateway.upstream.outbox.Outbox;
import org.orderly.text.SaidBack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes commands off Paho's thread onto its own ({@code orderly-upstream-commands}, at most {@value #QUEUE} waiting),
 * validates them, acts, and replies to the MQTT v5 response topic with the correlation data (or, without one, to
 * {@code orderly/v1/{gatewayId}/replies}, as always under MQTT 3.1.1). Every cap's fate is also an event
 * ({@code cap.accepted}, {@code cap.rejected}) through the outbox, so the grid side has a durable record of it. A
 * rejected command changes nothing.
 */
public final class CommandRouter implements CommandSink, AutoCloseable {
    public static final String CAP_ACCEPTED = EventKind.CAP_ACCEPTED.code();
    public static final String CAP_REJECTED = EventKind.CAP_REJECTED.code();
    static final int QUEUE = 100;
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(CommandRouter.class);

    private final Topics topics;
    private final CapParser caps;
    private final HistoryParser histories;
    private final CapBook book;
    private final History history;
    /** Told when a read for a history request finds the store damaged, as any other read that does. */
    private final Database database;
    private final Outbox outbox;
    private final Clock clock;
    private final Replier replier;
    private final Replies replies;
    /** The load the last control cycle saw, for an accepted cap's reply (what of it the gateway can meet). */
    private final Function<CapCommand, CapReach> reach;
    private final ThreadPoolExecutor thread;
    /** Ended caps are forgotten on this thread, at most hourly, before a cap is handled. */
    private Instant nextPrune = Instant.MIN;

    /**
     * @param floor the gateway's clock floor: while the clock is earlier (not set), a reply is stamped with it and
     *              {@code "clockSet": false}, as {@code state} is
     * @param reach what the gateway can meet of a cap, said in its accepted reply
     */
    public CommandRouter(Topics topics, CapParser caps, HistoryParser histories, CapBook book, Store store, Outbox outbox,
                         Clock clock, ClockFloor floor, Replier replier, Function<CapCommand, CapReach> reach) {
        this.topics = topics;
        this.caps = caps;
        this.histories = histories;
        this.book = book;
        this.history = new History(store);
        this.database = store.database();
        this.outbox = outbox;
        this.clock = clock;
        this.replier = replier;
        this.reach = reach;
        this.replies = new Replies(topics.gatewayId(), floor);
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "orderly-upstream-commands");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public List<String> topics() {
        return topics.commands();
    }

    @Override
    public void arrived(IncomingCommand c) {
        try {
            thread.execute(() -> {
                try {
                    handle(c.topic(), c.payload(), c.responseTopic(), c.correlation());
                } catch (RuntimeException e) {
                    // Not out of the thread, where it would reach stderr only and end the worker.
                    LOG.error("command on {} failed: {}", c.topic(), e.getMessage(), e);
                }
            });
        } catch (RejectedExecutionException e) {
            if (thread.isShutdown()) {
                // Not acted on, nor answered: the grid side asks again, and the next start answers it.
                LOG.warn("command on {} dropped: the gateway is stopping", c.topic());
            } else {
                LOG.warn("command on {} dropped: {} commands already waiting", c.topic(), QUEUE);
            }
        }
    }

    /** Handles one command on the caller's thread (the command thread; tests). */
    void handle(String topic, byte[] payload, String responseTopic, byte[] correlation) {
        Instant now = clock.instant();
        String replyTo = responseTopic == null ? topics.replies() : responseTopic;
        // Said back bounded: a response topic may be as long as the packet (MqttLink.MAX_INCOMING_PACKET_BYTES).
        String refusal = responseTopic == null ? null
                : ResponseTopicRule.refusal(responseTopic, SaidBack.ofCommand(responseTopic));
        if (refusal != null) {
            boolean isCap = topic.equals(topics.capCommand());
            String id = isCap ? caps.idOf(payload) : histories.idOf(payload);
            Verdict.Rejected refused = new Verdict.Rejected(refusal);
            LOG.warn("command {} on {} rejected: {}", id == null ? "(no id)" : id, topic, refusal);
            if (isCap) {
                outbox.offer(now, new EventBody(CAP_REJECTED, id == null ? "" : id, refused.reason()));
            }
            replier.reply(id, topics.replies(), replies.verdict(now, name(topic), id, refused), correlation);
            return;
        }
        if (topic.equals(topics.capCommand())) {
            cap(payload, now, replyTo, correlation);
        } else if (topic.equals(topics.historyCommand())) {
            history(payload, now, responseTopic, correlation);
        } else {
            LOG.warn("message on {} ignored: not a command topic of this gateway", topic);
        }
    }

    private void cap(byte[] payload, Instant now, String replyTo, byte[] correlation) {
        if (!now.isBefore(nextPrune)) {
            book.prune();
            nextPrune = now.plus(PRUNE_EVERY);
        }
        Parsed<CapCommand> parsed = caps.parse(payload, now, book::knows);
        String id;
        Verdict verdict;
        byte[] reply = null;
        if (parsed instanceof Parsed.Ok<CapCommand> ok) {
            id = ok.value().id();
            verdict = book.accept(ok.value());
            if (verdict instanceof Verdict.Accepted) {
                CapCommand c = ok.value();
                CapReach seen = reach.apply(c);
                CapMeet meet = seen.meet(c.limitKw());
                outbox.event(now, EventKind.CAP_ACCEPTED, EventBody.capAccepted(CAP_ACCEPTED, c.id(), c.said(), meet),
                        CapAcceptedArgs.of(c, meet));
                Boolean meetable = meet.meetable();
                if (meetable == null) {
                    LOG.warn("grid cap {} accepted without knowing whether it can be met: no control cycle with a"
                            + " plausible transformer reading to judge it by", id);
                } else if (!meetable) {
                    LOG.warn("grid cap {} accepted but cannot be met at the load seen: the least total the gateway can"
                            + " bring the compound to is {} kW (households and EV load it cannot shed), {} kW over",
                            id, seen.leastKw(), seen.shortKw(c.limitKw()));
                }
                reply = replies.accepted(now, id, c.limitKw(), seen);
            } else if (verdict instanceof Verdict.Duplicate) {
                LOG.info("grid cap {} received again; nothing changes", id);
            }
        } else {
            Parsed.Bad<CapCommand> bad = (Parsed.Bad<CapCommand>) parsed;
            id = bad.id();
            verdict = new Verdict.Rejected(bad.reason());
        }
        if (verdict instanceof Verdict.Rejected r) {
            LOG.warn("grid cap {} rejected: {} (payload {})", id == null ? "(no id)" : id, r.reason(), preview(payload));
            outbox.offer(now, new EventBody(CAP_REJECTED, id == null ? "" : id, r.reason()));
        }
        replier.reply(id, replyTo, reply != null ? reply : replies.verdict(now, "cap", id, verdict), correlation);
    }

    private void history(byte[] payload, Instant now, String responseTopic, byte[] correlation) {
        if (responseTopic == null) {
            String id = histories.idOf(payload);
            replier.reply(id, topics.replies(), replies.verdict(now, "history", id,
                    new Verdict.Rejected("responseTopic: a history request needs an MQTT v5 response topic")), correlation);
            return;
        }
        Parsed<HistoryRequest> parsed = histories.parse(payload, now);
        if (parsed instanceof Parsed.Ok<HistoryRequest> ok) {
            List<Replies.Minute> minutes;
            try {
                minutes = history.minutes(ok.value());
            } catch (StoreException e) {
                // Answered all the same: the grid side asks again until it hears, for ever if it never does.
                String reason = "not read: the gateway's recorded load could not be read (" + e.getMessage() + ")";
                LOG.error("history request {} rejected: {}", ok.value().id(), reason, e);
                database.damagedRead("the recorded load for a history request", e, now);
                replier.reply(ok.value().id(), responseTopic, replies.verdict(now, "history", ok.value().id(),
                        new Verdict.Rejected(reason)), correlation);
                return;
            }
            byte[] answer = replies.history(now, ok.value(), minutes);
            long limit = replier.maxPacketBytes();
            long bytes = MqttLink.replyPacketBytes(responseTopic, answer, correlation);
            if (limit > 0 && bytes > limit) {
                // Sent, it would make the broker close the connection, and the grid side would ask again for ever.
                String reason = "out of range: the answer (" + minutes.size() + " minutes) would be a packet of " + bytes
                        + " bytes, larger than the broker's maximum packet size of " + limit
                        + " bytes; ask for a shorter span";
                LOG.warn("history request {} rejected: {}", ok.value().id(), reason);
                replier.reply(ok.value().id(), responseTopic, replies.verdict(now, "history", ok.value().id(),
                        new Verdict.Rejected(reason)), correlation);
                return;
            }
            replier.reply(ok.value().id(), responseTopic, answer, correlation);
        } else {
            Parsed.Bad<HistoryRequest> bad = (Parsed.Bad<HistoryRequest>) parsed;
            LOG.warn("history request {} rejected: {}", bad.id(), bad.reason());
            replier.reply(bad.id(), responseTopic, replies.verdict(now, "history", bad.id(),
                    new Verdict.Rejected(bad.reason())), correlation);
        }
    }

    private String name(String topic) {
        return topic.substring(topic.lastIndexOf('/') + 1);
    }

    /** The payload's start on the WARN's line: a payload written on several lines would otherwise break it. */
    private static String preview(byte[] payload) {
        return OneLine.head(new String(payload, StandardCharsets.UTF_8), 120);
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
