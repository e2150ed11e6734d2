package org.orderly.gateway.upstream.link;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocketFactory;
import org.orderly.gateway.store.EventKind;
import org.orderly.gateway.store.StoreException;
import org.orderly.gateway.tls.LastGoodTls;
import org.orderly.gateway.upstream.Topics;
import org.orderly.gateway.upstream.UpstreamSettings;
import org.orderly.gateway.upstream.message.MessageKind;
import org.orderly.gateway.upstream.outbox.BrokerRefusal;
import org.orderly.gateway.upstream.outbox.Outbox;
import org.orderly.gateway.upstream.outbox.OutboxRow;
import org.orderly.gateway.upstream.outbox.PairRequest;
import org.orderly.text.TextFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection to the broker and the outbox's drain, on one thread of its own ({@code orderly-upstream-link}).
 *
 * <p>Connecting: before each connection, {@code state: online} and then the last will ({@code state: offline}) are
 * numbered and stored, held, in the outbox, so they have ids like every other message and their numbers follow the
 * order they are published in. There is one such pair at a time: attempts that fail, also those that gave up waiting
 * for the outbox to store it, wait on the same pair again rather than ask for another, so no pair is left held
 * behind. Once connected, the state messages released before (older wills, and after a restart whatever the process
 * before held) are published and acknowledged first, then "online", before anything else: the broker retains the
 * last state published, which is thus "online", and the numbers on {@code state} arrive in order. When the
 * connection is lost the will is released and so published again after the reconnect, before the new "online" (the
 * broker may have published it already; consumers de-duplicate by id). A loss reported while the link is still
 * connecting is kept for the link's thread, numbered with its attempt ({@link #lost}): a step still to come fails on
 * it, or, once the link has marked itself connected, the thread takes it as any other loss (will released, said once,
 * reconnect). Attempts that failed before a CONNECT, or that TLS or the broker refused, reuse the same pair, so
 * retrying leaves no gaps. An attempt that fails after the broker accepted it (before "online" is acknowledged) ends
 * with a DISCONNECT, but the network may have dropped first and the broker published the will; one that got no
 * CONNACK in time, or lost its connection waiting for it, may have its CONNECT, with the will, at a broker that
 * publishes it when it sees that connection end
 * ({@link BrokerException#unansweredConnect}): either pair is not used again (but by the attempts after the first of a
 * run the broker closes alike: {@link #closedAlikeAgain}), so no "online" is published on the wrong side of its own
 * will. The first pair's will is released ({@link #spendPair}); the second's is set aside with its
 * "online" ({@link #setPairAside}): a broker that took the CONNECT publishes it, and one that did not never had that
 * connection, so attempts against a front whose broker is down leave no "offline" each to send. Paho's own reconnect is
 * off because each connection needs a new will. Failed attempts back off from 1 s
 * to 30 s, and so do connections that end within 30 s of being made. The subscription to the commands is sent before
 * "online" and its SUBACK not waited for ({@link CommandSubscription}): a broker that refuses it, or does not answer,
 * does not end the connection nor hold anything up; the link stays connected without commands, says so once and asks
 * again with back-off. When the store is damaged where the outbox writes, the pair is
 * numbered but not stored ({@link Outbox#storeHeldPair} with {@code stored} false), so the gateway still says "online",
 * until the store is moved aside and a fresh one made ({@link Outbox#storeGeneration} changes).
 *
 * <p>Draining: messages are published at QoS 1 in the order of their numbers, per topic ({@code state} first: a
 * released will goes before the backlog), at most {@code drainPerSecond} a second and {@value #WINDOW}
 * unacknowledged at a time, fewer when the broker's Receive Maximum is smaller (every publish, replies and state
 * messages too, waits for room within it: {@link PublishWindow}). A message leaves the outbox on its PUBACK; after a
 * reconnect everything still there is sent again from the oldest. A message the broker will not take (larger than the
 * maximum packet size it announced or the configuration gives, refused in its PUBACK, or one it closes the connection
 * on each time it is sent alone: {@link DroppedOnSend}) is set aside ({@link Outbox#setAside}), so it cannot hold back
 * the messages behind it. The state messages published while connecting and at a stop, outside the drain, are held to
 * the same size limit ({@link #stateTooLarge}).
 *
 * <p>The MQTT version ({@link UpstreamSettings#protocol()}) only changes the {@link BrokerClient} underneath; all of
 * the above is the same for both.
 */
public final class MqttLink implements AutoCloseable {
    /**
     * The drain's unacknowledged publishes at a time, below Mosquitto's default Receive Maximum of 20; fewer when the
     * broker announces a smaller one ({@link BrokerClient#receiveMaximum}).
     */
    static final int WINDOW = 10;
    /** How long a reply waits for room among the unacknowledged publishes before it is given up. */
    static final long REPLY_ROOM_WAIT_MS = 10_000;
    /**
     * The largest packet the gateway takes from the broker, announced as the MQTT v5 Maximum Packet Size at CONNECT, so
     * that a command the size of the broker's own limit is never read whole into memory (a command is at most 4096
     * bytes of payload: docs/upstream.md, "Commands"; one over it that fits is answered {@code oversized}). Paho 1.2.5
     * holds every packet it sends to this limit as well ({@link BrokerClient#ownPacketLimit}), so it is above the
     * largest message the gateway makes: a day's history answer, 1,440 minutes of at most about 185 bytes (264 kB, an
     * estimate, not a measured answer). Until 2026-12-05 it was 16 384 bytes, and a larger message (three hours of
     * history) had Paho drop the connection ({@code UpstreamOverOwnPacketLimitTest}).
     */
    public static final long MAX_INCOMING_PACKET_BYTES = 524_288;
    private static final Logger LOG = LoggerFactory.getLogger(MqttLink.class);
    /** The event said when the broker refuses the subscription to the command topics. */
    public static final String COMMANDS_REFUSED = EventKind.UPSTREAM_COMMANDS_REFUSED.code();
    /** The event said when it takes it after refusing it. */
    public static final String COMMANDS_SUBSCRIBED = EventKind.UPSTREAM_COMMANDS_SUBSCRIBED.code();
    /** A connection that lasted this long was healthy: the next one starts again from the first backoff. */
    private static final long STABLE_CONNECTION_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** How the log names a state message published before this connection's "online" ({@link #sendEarlierStates}). */
    private static final String EARLIER_OFFLINE = "an earlier connection's offline";

    /**
     * How long a connection attempt waits for the outbox to store each of its held pair; past it the attempt fails and
     * the next one waits on the same store again.
     */
    public static final Duration HELD_PAIR_WAIT = LinkTimings.DEFAULT.heldPair();

    private final long heldPairWaitMs;
    private final Duration connackWait;
    /** The MQTT client's own TCP connect timeout ({@link LinkTimings#tcpConnect}). */
    private final Duration tcpConnect;
    /** How long a state message published while connecting (an earlier will, "online") waits for its PUBACK. */
    private final long stateAckWaitMs;
    /**
     * At a stop, how long the broker has to acknowledge a state message: the stop's {@code offline}, and, once the
     * CONNACK of a connect under way has come, the earlier state messages that go before its "online".
     */
    static final long STOP_ACK_WAIT_MS = 2_000;
    private final UpstreamSettings settings;
    private final Topics topics;
    private final Outbox outbox;
    private final Clock clock;
    private final CommandSink commands;
    /** The TLS files, read at each connect; the last pair that could be used kept while they cannot. */
    private final Optional<LastGoodTls> tls;
    private final BrokerClient client;
    private final Thread thread;
    private final Object wake = new Object();
    private final AtomicInteger inflight = new AtomicInteger();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong failedConnects = new AtomicLong();
    private final AtomicLong losses = new AtomicLong();
    private final ArrayDeque<OutboxRow> pending = new ArrayDeque<>();
    /** What the broker made of each message sent: taken, refused, dropped on; the kinds refused (the page's alarm). */
    private final BrokerVerdicts verdicts;
    private final long intervalNanos;
    private volatile boolean connected;
    /**
     * The stop came while the broker's acknowledgement of this connection's "online" was awaited: the broker may have
     * published and retained it, and would drop the will at the stop's DISCONNECT, so the stop says offline as for a
     * connection made ({@link #close}).
     */
    private volatile boolean onlineUnacknowledgedAtStop;
    /**
     * The link's thread is past its last look at the stop before a CONNECT, and until its "online" is acknowledged (or
     * the attempt failed): a stop lets that connect finish rather than interrupt it ({@link #close}). Written before
     * the thread reads {@link #closing}, as the stop writes that before reading this: one of the two sees the other.
     */
    private volatile boolean connectUnderWay;
    /**
     * The link's thread has handed this connection's "online" to the MQTT client (the CONNACK came and the earlier
     * state messages were acknowledged) and waits for its PUBACK: a stop cuts that wait short ({@link #close}), the
     * PUBACK taken whenever it comes ({@link #onlineAnsweredLate}). Set and cleared under {@link #connectStep}, which a
     * stop waits on.
     */
    private boolean onlineSent;
    /** Guards {@link #onlineSent}; notified as the connect under way sends its "online" or ends. */
    private final Object connectStep = new Object();
    /**
     * The connection attempt under way or made, numbered by the link thread before each CONNECT: a loss the MQTT client
     * reports is that connection's ({@link #lastLoss}).
     */
    private volatile long attempt;
    /** The last loss the MQTT client reported, kept for the link thread: it may come before the link is connected. */
    private volatile Loss lastLoss;
    /** The attempt whose loss was taken (will released, said), by the client's thread or the link's: once each. */
    private final AtomicLong lossTaken = new AtomicLong();
    private volatile boolean closing;
    /** Set by the first {@link #close()}: the stop is taken once, however often it is asked for. */
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile int generation;
    private volatile OutboxRow will;
    private OutboxRow online;
    /**
     * A CONNECT with the current pair's will may have reached a broker: an attempt with it ended otherwise than
     * {@link NoConnectSent} (or succeeded). Such a pair is not kept at a stop; link thread only.
     */
    private boolean pairOffered;
    /**
     * The pair being stored for the next connection, kept across attempts until both rows are committed and taken; at
     * a stop before that, kept for the next start ({@link #close}).
     */
    private PairRequest pairStored;
    private volatile String lastFailure;
    private long stateCursor;
    private long dataCursor;
    private long nextSendAt = System.nanoTime();
    private final Backoff connectBackoff;
    /** The last waits before connecting again, ms, oldest first ({@link #reconnectWaits}). */
    private final ArrayDeque<Long> reconnectWaits = new ArrayDeque<>();
    private static final int RECONNECT_WAITS_KEPT = 32;
    /** The subscription to the commands, asked for at each connection and again after a refusal; link thread. */
    private final CommandSubscription subscription;
    /** The store is damaged: the held pair is numbered but not stored; link thread only. */
    private boolean pairUnstored;
    /** The store is damaged where the drain reads: nothing more is read from the outbox; link thread only. */
    private boolean outboxUnreadable;
    /**
     * The store's generation ({@link Outbox#storeGeneration}) when it was found damaged: once the running gateway has
     * moved it aside and made a fresh one, the pair is stored and the outbox read again; link thread only.
     */
    private long damagedGeneration;

    /** @param timings the link's waits: {@link LinkTimings#DEFAULT} in the gateway, shorter ones in tests */
    public MqttLink(UpstreamSettings settings, Topics topics, Outbox outbox, Clock clock, CommandSink commands,
                    LinkTimings timings) {
        this.heldPairWaitMs = timings.heldPair().toMillis();
        this.connackWait = timings.connack();
        this.tcpConnect = timings.tcpConnect();
        this.stateAckWaitMs = timings.stateAck().toMillis();
        this.connectBackoff = new Backoff(timings.reconnectFirst().toMillis(), timings.reconnectMax().toMillis());
        this.settings = settings;
        this.topics = topics;
        this.outbox = outbox;
        this.clock = clock;
        this.commands = commands;
        this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / settings.drainPerSecond();
        this.tls = settings.transport() instanceof Transport.Tls t
                ? Optional.of(new LastGoodTls("upstream", t.files("tls.caFile", "tls.clientCert", "tls.clientKey"),
                        () -> TlsContexts.socketFactory(t)))
                : Optional.empty();
        try {
            this.client = BrokerClient.create(settings.protocol(), settings.broker().toString(), settings.clientId(),
                    new Events());
        } catch (BrokerException e) {
            throw new IllegalArgumentException("cannot create the MQTT client for " + settings.broker() + ": "
                    + e.getMessage(), e);
        }
        this.subscription = new CommandSubscription(client, commands.topics(), settings.broker().toString(),
                settings.clientId(), timings, (kind, text, args) -> outbox.event(kind, "upstream", text, args), this::wakeUp);
        outbox.onStored(this::wakeUp);
        this.verdicts = new BrokerVerdicts(outbox);
        verdicts.rememberRefusals();
        this.thread = new Thread(this::run, "orderly-upstream-link");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public boolean connected() {
        return connected;
    }

    /** Messages acknowledged by the broker since start. */
    public long published() {
        return published.get();
    }

    /**
     * The waits before connecting again after a failed attempt or a connection that ended within 30 s of being made,
     * ms, oldest first: the last {@value #RECONNECT_WAITS_KEPT}. What the link decided, not how long it took.
     */
    public List<Long> reconnectWaits() {
        synchronized (reconnectWaits) {
            return List.copyOf(reconnectWaits);
        }
    }

    /** Connections made since start. */
    public long connects() {
        return connects.get();
    }

    /** Connection attempts refused or failed (the broker unreachable, TLS refused, no CONNACK) since start. */
    public long failedConnects() {
        return failedConnects.get();
    }

    /**
     * Connections the MQTT client said lost (ended without the link asking) since start, also one the link was still
     * making.
     */
    public long losses() {
        return losses.get();
    }

    /**
     * The refusal of the subscription to the commands (the topics with their reason codes, or that no SUBACK came) from
     * when the broker refused it until it takes it; empty while it is taken. Kept across reconnects, where it is asked
     * for again.
     */
    public Optional<String> commandsRefused() {
        return subscription.refusal();
    }

    /**
     * The kinds of message ({@code state}, {@code telemetry}, ...) of which the broker refused one (set aside, not
     * sent again) and has acknowledged none since: from the refusal until a later message of that kind is
     * acknowledged, across reconnects and restarts (a start begins from the set-aside messages the broker refused and
     * no later message of their kind taken since: {@link Outbox#refusedNotTaken}); empty when there is none.
     */
    public Optional<String> messagesRefused() {
        return verdicts.refusedKinds();
    }

    /** Why the last connection attempt failed, or null. */
    public String lastFailure() {
        return lastFailure;
    }

    /**
     * Publishes a reply at once (QoS 1, not through the outbox: a lost reply is asked for again), to a command's
     * response topic with its correlation data (MQTT v5 only). False when not connected. A v5 broker's refusal in its
     * PUBACK is one WARN naming the command ({@code requestId}, null when unreadable): {@link RefusedReply}.
     */
    public boolean reply(String requestId, String topic, byte[] payload, byte[] correlation) {
        if (!connected) {
            LOG.warn("reply to {} dropped: not connected", topic);
            return false;
        }
        long limit = packetLimit();
        long bytes = replyPacketBytes(topic, payload, correlation);
        if (limit > 0 && bytes > limit) {
            // Sent, it would make the broker close the connection.
            LOG.warn("reply to {} dropped: its PUBLISH packet of {} bytes is larger than the broker's maximum packet"
                    + " size of {} bytes", topic, bytes, limit);
            return false;
        }
        try {
            client.reply(topic, payload, correlation, REPLY_ROOM_WAIT_MS, new RefusedReply(requestId, topic, topics));
            return true;
        } catch (BrokerException e) {
            LOG.warn("reply to {} failed: {}", topic, e.getMessage());
            return false;
        }
    }

    private void run() {
        long connectedAtNanos = -1;
        while (!closing) {
            try {
                if (!connected) {
                    if (connectedAtNanos >= 0) {
                        // A connection just ended. Only one that held for a while resets the backoff: a broker that
                        // drops us on every connect (a message over its size limit, say) must not be hammered.
                        boolean held = System.nanoTime() - connectedAtNanos >= STABLE_CONNECTION_NANOS;
                        connectedAtNanos = -1;
                        verdicts.connectionEnded(held);
                        if (held) {
                            connectBackoff.reset();
                        } else {
                            backOff();
                            // A stop ends the wait: no attempt after it, whose pair, stored at the stop and used by
                            // none, the next start would set aside with its will sent (UpstreamStopDuringBackoffTest).
                            continue;
                        }
                    }
                    boolean made;
                    try {
                        made = connectOnce();
                    } finally {
                        connectUnderWay = false;
                        connectStepTaken(false);
                    }
                    if (made) {
                        connectedAtNanos = System.nanoTime();
                    } else {
                        backOff();
                    }
                } else {
                    subscription.step(System.nanoTime());
                    drainStep();
                }
            } catch (InterruptedException e) {
                if (!closing) {
                    LOG.warn("upstream link interrupted; stopping");
                }
                return;
            } catch (RuntimeException e) {
                LOG.error("upstream link: {}; retrying in 1 s", e.toString(), e);
                try {
                    sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** Waits the backoff's next wait before connecting again, and keeps it for {@link #reconnectWaits}. */
    private void backOff() throws InterruptedException {
        long wait = connectBackoff.next();
        synchronized (reconnectWaits) {
            if (reconnectWaits.size() == RECONNECT_WAITS_KEPT) {
                reconnectWaits.removeFirst();
            }
            reconnectWaits.addLast(wait);
        }
        sleep(wait);
    }

    private boolean connectOnce() throws InterruptedException {
        try {
            holdPair();
            connectUnderWay = true;
            if (closing) {
                // No CONNECT after the stop: the pair, offered to no broker, is kept for the next start (close).
                return false;
            }
            ConnectRequest request = request(will);
            // Until the attempt is known to have sent no CONNECT; never cleared for this pair by a later refusal:
            // one attempt that may have reached a broker is enough for that broker to publish its will.
            boolean offeredBefore = pairOffered;
            pairOffered = true;
            attempt++;
            long sent = System.nanoTime();
            try {
                client.connect(request);
            } catch (BrokerException failed) {
                String check = failed.closedBeforeConnack() ? closedUnanswered(request, System.nanoTime() - sent)
                        : UnreachableBroker.check(failed, settings.broker());
                if (check.isEmpty()) {
                    // A refusal said in selftest's words, what to check (until 2026-12-07 only the client's words).
                    check = ConnectRefusal.of(failed, settings, true, request.certificateAsked())
                            .map(advice -> "; " + advice).orElse("");
                }
                if (check.isEmpty() && !closing) {
                    // No CONNACK in time: no TCP connection, or one taken and not answered, as selftest says it (until
                    // 2026-12-07 only the client's words). Not at a stop, which ends the attempt, not the broker.
                    check = NoConnack.advice(failed, settings.broker(), connackWait, tcpConnect)
                            .map(advice -> "; " + advice).orElse("");
                }
                BrokerException e = check.isEmpty() ? failed : failed.saying(check);
                // An attempt that made no TCP connection (refused, its own TCP connect timed out) keeps the pair, kept
                // at a stop too. Not one the client gave up waiting on (32000) however the plain TCP connect after it
                // went (NoConnack's "no TCP connection ... a plain TCP connect after"): that connect tells of the route
                // now, and the client's attempt before it may have had its connection and sent its CONNECT (a route
                // that flapped, a listener whose accept queue had room then), so its pair is set aside below.
                pairOffered = offeredBefore || !NoConnectSent.of(e);
                if (e.unansweredConnect() && !closedAlikeAgain(e)) {
                    // The broker may hold this CONNECT's will and publish it when it sees that connection end, after
                    // the next attempt's online if that reused the pair.
                    setPairAside(e.getMessage());
                }
                throw e;
            }
        } catch (BrokerException | IOException | GeneralSecurityException | ExecutionException | TimeoutException e) {
            // A file TextFile refused (the password, a PEM file) is its one line, the file named; no class name to add.
            String why = e instanceof BrokerException || e instanceof TextFileException ? e.getMessage() : e.toString();
            if (closing && endedByInterrupt(e)) {
                // Ended by the stop's interrupt: not the broker's failure, nor a failed connect to count (until 2026-12-07
                // a WARN and a count; UpstreamStopInterruptedWhileConnectingTest). A broker's answer that came during the
                // stop (a refusal: not authorised) is said as ever (read56e).
                LOG.info("upstream: the connect to {} under way at the stop ended: {}", settings.broker(), why);
                return false;
            }
            if (!why.equals(lastFailure)) {
                LOG.warn("upstream: cannot connect to {}: {}", settings.broker(), why);
            }
            lastFailure = why;
            failedConnects.incrementAndGet();
            return false;
        }
        synchronized (this) {
            generation++;
            inflight.set(0);
            verdicts.connectionMade();
            pending.clear();
            stateCursor = 0;
            dataCursor = 0;
        }
        // Sent before "online", not waited for: the broker takes the SUBSCRIBE before the PUBLISH behind it, so a grid
        // side that sees "online" can send commands; its SUBACK is taken whenever it comes (subscription.step).
        if (!subscription.connected(generation, System.nanoTime())) {
            LOG.warn("upstream: the connection ended while subscribing to commands; reconnecting");
            disconnectQuietly();
            spendPair();
            return false;
        }
        Optional<String> onlineRefused;
        boolean onlineTooLarge = false;
        try {
            // The state messages released before go first (a lower number, and published after "online" the broker
            // would keep an old "offline" as the retained state of a running gateway); then "online", before anything
            // else of this connection: published behind a backlog, a crash meanwhile would let the broker send the
            // will (a higher number) before it.
            sendEarlierStates();
            onlineTooLarge = stateTooLarge("online", online);
            OutboxRow o = online;
            try {
                onlineRefused = onlineTooLarge ? Optional.empty()
                        : client.publishAndWait(o.topic(), o.payload(), true, stateAckWaitMs, onlineAnsweredLate(o));
            } catch (BrokerException e) {
                throw new StateNotSaid("online", o, e);
            }
        } catch (StateNotSaid e) {
            if (closing) {
                // Not a loss: the broker did not answer within the wait the stop gave it, or the stop interrupted the
                // wait. The connection is left to the stop, which says offline on it.
                onlineUnacknowledgedAtStop = true;
                return false;
            }
            // The message that failed, an earlier connection's offline or this one's online (until 2026-12-07 the
            // former was said as the online: UpstreamEarlierStateFailedTest).
            LOG.warn("upstream: saying {} (message {}, a PUBLISH of {} bytes on {}) failed: {}; reconnecting",
                    e.what(), e.row().seq(), publishPacketBytes(e.row()), e.row().topic(), e.getMessage());
            disconnectQuietly();
            spendPair();
            return false;
        }
        // Set aside, too large (stateTooLarge) or refused, the connection stays: a PUBACK's reason code concerns that
        // message only (MQTT 5, 4.13.2), and the drain keeps going past a refused message as well.
        if (onlineRefused.isPresent()) {
            stateRefused("online", online, onlineRefused.get());
        } else if (!onlineTooLarge) {
            acknowledged(online);
            published.incrementAndGet();
        }
        synchronized (this) {
            stateCursor = online.seq();
        }
        lastFailure = null;
        connected = true;
        connects.incrementAndGet();
        LOG.info("upstream: connected to {} as {} over {} ({} messages waiting{})", settings.broker(),
                settings.clientId(), settings.protocol().configName(), waiting(), client.receiveMaximum() < WINDOW
                        ? "; the broker takes " + client.receiveMaximum() + " unacknowledged at a time" : "");
        // Read after marking the connection made, as lost() records a loss before reading connected: one of the two
        // threads sees the other's write. A loss of this connection reported before the mark is taken here, as lost()
        // takes one reported after it (until 2026-12-03 it was dropped, and the link never connected again).
        Loss loss = lastLoss;
        if (loss != null && loss.attempt() == attempt) {
            takeLoss(loss);
        }
        return true;
    }

    /** Says that the connect under way has sent its "online" ({@code sent}), or has ended; wakes a stop waiting. */
    private void connectStepTaken(boolean sent) {
        synchronized (connectStep) {
            onlineSent = sent;
            connectStep.notifyAll();
        }
    }

    /**
     * The PUBACK of {@code row}, a connection's "online", heard after its wait ended: at a stop, which cut that wait
     * short and said offline behind it. Taken as within the wait (the outbox acknowledges it, or sets it aside when
     * refused), so the next start does not find it held and set it aside as never acknowledged. Not heard (the
     * connection ended first), it stays held, and the next start sets it aside: the broker may have published the
     * will, numbered after it.
     */
    private BrokerClient.Completion onlineAnsweredLate(OutboxRow row) {
        return new BrokerClient.Completion() {
            @Override
            public void sent() {
                // Interrupted before this, the thread would not send it at all (its wait for room ends first).
                connectStepTaken(true);
            }

            @Override
            public void acknowledged(String refusal) {
                if (refusal != null) {
                    stateRefused("online", row, refusal);
                } else {
                    MqttLink.this.acknowledged(row);
                    published.incrementAndGet();
                }
            }

            @Override
            public void failed(Throwable why) {
                LOG.debug("upstream: online (message {}) not acknowledged: {}", row.seq(), String.valueOf(why));
            }
        };
    }

    /**
     * Waits, up to {@code ms}, until the connect under way has sent its "online" or ended (the CONNACK's wait, then the
     * earlier state messages' PUBACKs, are the link's own), or the link's thread is over.
     */
    private void awaitOnlineSent(long ms) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        synchronized (connectStep) {
            while (connectUnderWay && !onlineSent && thread.isAlive()) {
                long left = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime());
                if (left <= 0) {
                    return;
                }
                connectStep.wait(left);
            }
        }
    }

    /**
     * Whether {@code e} is the broker closing the connection on the CONNECT before answering it, as it did on the
     * attempt before, in the same words: a run of alike failures (a CONNECT over the broker's maximum packet size, a
     * front whose broker is down), said once. The run's first attempt set its pair aside, as any unanswered attempt's;
     * the attempts after it keep the next pair, rather than set aside an online and a will each backoff for as long as
     * the run lasts (until 2026-12-05 they did: {@code UpstreamWillTooLargeTest}). A broker that closes a connection
     * without a CONNACK did not accept it and keeps no will of it; only a CONNACK lost on the way, failing in the run's
     * very words, would leave one.
     */
    private boolean closedAlikeAgain(BrokerException e) {
        return e.closedBeforeConnack() && e.getMessage().equals(lastFailure);
    }

    /**
     * What to say of a CONNECT the broker closed the connection on, unanswered, {@code afterNanos} after it was sent. A
     * broker refuses a CONNECT over its size as it reads it, at once; one that closes it only after the keep-alive's
     * time (a broker ends a connection it hears nothing on after 1.5 times the keep-alive, 15 s) had taken it but its
     * CONNACK did not come back through (a front or relay holding it, a broker that stalled): a size limit is not the
     * likely cause, so the size is not said. Until 2026-12-06 the size was said of both
     * ({@code UpstreamClosedAtKeepAliveTest}).
     */
    private String closedUnanswered(ConnectRequest r, long afterNanos) {
        // Not the seconds measured in the words: a run of alike failures is told by its words (closedAlikeAgain).
        if (TimeUnit.NANOSECONDS.toSeconds(afterNanos) < ConnectRequest.KEEP_ALIVE_S) {
            return connectTooLarge(r);
        }
        return "; the broker closed the connection without answering the CONNECT, " + ConnectRequest.KEEP_ALIVE_S
                + " s or more after it, as a broker ends a connection it hears nothing on after 1.5 times the keep-alive ("
                + ConnectRequest.KEEP_ALIVE_S + " s): the CONNECT reached it but no CONNACK came back (something between"
                + " holds the broker's answers back, or the broker stalled); not a size limit, which closes it at once";
    }

    /**
     * What to say of a CONNECT the broker closed the connection on at once, unanswered: it may be larger than the broker's
     * maximum packet size, which the link cannot know before a CONNACK (Mosquitto 2.0.11 closes the connection on such
     * a CONNECT without one), and it carries the will, which repeats the gateway id, and the login. Until 2026-12-05
     * only the MQTT client's "Connection lost" was said ({@code UpstreamWillTooLargeTest}).
     */
    private String connectTooLarge(ConnectRequest r) {
        long bytes = connectPacketBytes(r, settings.clientId());
        return "; the broker closed the connection before answering the CONNECT, of about " + bytes + " bytes with the"
                + " will (the gateway's offline on " + r.willTopic() + ", " + r.willPayload().length
                + " bytes): a broker does so to a CONNECT over its maximum packet size (Mosquitto: max_packet_size; it"
                + " logs 'disconnected due to oversize packet'), so set that above " + bytes + " bytes, or shorten the"
                + " gatewayId, which the will repeats, the client id or the login";
    }

    /**
     * About the size of an MQTT v5 CONNECT of {@code r}: fixed header, protocol name, level, flags, keep-alive, the
     * Maximum Packet Size property, client id, empty will properties, will topic and payload, username and password.
     */
    static long connectPacketBytes(ConnectRequest r, String clientId) {
        long rest = 2 + 4 + 1 + 1 + 2 + 1 + 5 + 2 + clientId.getBytes(StandardCharsets.UTF_8).length + 1 + 2
                + r.willTopic().getBytes(StandardCharsets.UTF_8).length + 2 + r.willPayload().length
                + r.username().map(u -> 2L + u.getBytes(StandardCharsets.UTF_8).length).orElse(0L)
                + r.password().map(p -> 2L + p.length).orElse(0L);
        return 1 + varIntBytes(rest) + rest;
    }

    /**
     * Makes sure the held pair of the next connection is stored: "online" numbered before the will, so on the state
     * topic the numbers keep the order in which the two are published (online at connect, offline when the
     * connection ends). A store still under way when the wait ends (the outbox's writer trying a refused write again)
     * is waited on again at the next attempt, not asked for anew; only one given up is.
     */
    private void holdPair() throws InterruptedException, ExecutionException, TimeoutException {
        if (will != null) {
            return;
        }
        if (pairUnstored && outbox.storeGeneration() != damagedGeneration) {
            pairUnstored = false;
            LOG.info("upstream: the store was moved aside and a fresh one made: the online and will are stored again");
        }
        Optional<Outbox.HeldPair> kept = pairUnstored || pairStored != null ? Optional.empty() : outbox.takeKeptPair();
        if (kept.isPresent()) {
            online = kept.get().online();
            will = kept.get().will();
            pairOffered = false;
            LOG.info("upstream: connecting with the online and will the stop before kept (messages {} and {})",
                    online.seq(), will.seq());
            return;
        }
        Outbox.HeldPair pair;
        try {
            // One write numbers both, so "online" can name its will's number (docs/upstream.md, "state").
            if (pairStored == null || pairStored.stored().isCompletedExceptionally()) {
                pairStored = outbox.storeHeldPair(clock.instant(), !pairUnstored);
            }
            pair = pairStored.stored().get(heldPairWaitMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (pairUnstored || !outbox.damaged(e)) {
                throw e;
            }
            // The store is damaged (marked now, the next start moves it aside): the pair cannot be stored, so it is
            // only numbered, and the gateway still tells the grid company it is up.
            pairUnstored = true;
            damagedGeneration = outbox.storeGeneration();
            LOG.warn("upstream: the outbox cannot store the online and will of the connection (the store is damaged:"
                    + " {}); they are numbered and published without being stored until the store is moved aside",
                    e.getMessage());
            pairStored = null;
            holdPair();
            return;
        }
        pairStored = null;
        online = pair.online();
        will = pair.will();
        pairOffered = false;
    }

    /**
     * The broker accepted a connection that ended before its "online" was acknowledged: it may have published the
     * connection's will already (the network dropped, so our DISCONNECT never reached it), and that will is numbered
     * after "online". So the pair is not used again; see {@link #spendPair(String)}.
     */
    private void spendPair() {
        spendPair("the connection it opened ended before the broker acknowledged it, and the broker may have published"
                + " that connection's will (message " + will.seq() + ") already; sent now, it could arrive after it");
    }

    /**
     * A broker may have published the will of a connection that it accepted (numbered after its "online"): the pair is
     * not used again. The will is released, to be sent before the next "online" (a copy, if the broker sent it;
     * consumers de-duplicate by id), and "online" is set aside, with the {@code outbox.setAside} event that names it
     * and says {@code why}, since sent now it could arrive on the wrong side of its own will. The next attempt asks for
     * a new pair, numbered after that will.
     */
    private void spendPair(String why) {
        OutboxRow w = will;
        OutboxRow o = online;
        will = null;
        online = null;
        outbox.release(w.seq());
        outbox.setAside(o.seq(), why);
    }

    /**
     * An attempt got no CONNACK ({@code failure}): the broker may hold its CONNECT, with the will, and publish that
     * will whenever it sees the connection end, after the next attempt's "online" were the pair used again. So the pair
     * is not used again, and neither of it is sent: not the "online" (it could arrive on the wrong side of its own
     * will), nor the will (a broker that took that CONNECT publishes the will itself; if none did, that connection
     * never came up and has no "offline" to report). Released instead, as {@link #spendPair(String)} does for a
     * connection that came up, a front that accepts TCP while the broker behind it is down (HAProxy, a load balancer,
     * stunnel) would leave one "offline" per attempt, all sent before the next "online". Each is set aside with the
     * {@code outbox.setAside} event (or count) that names it, so no number goes unexplained.
     */
    private void setPairAside(String failure) {
        OutboxRow w = will;
        OutboxRow o = online;
        will = null;
        online = null;
        outbox.setAside(o.seq(), "the connection attempt it was held for got no CONNACK (" + failure + "), and the"
                + " broker may hold that attempt's will (message " + w.seq() + ") and publish it whenever it sees that"
                + " connection end; sent now, the two could arrive out of order");
        outbox.setAside(w.seq(), "the will of a connection attempt that got no CONNACK (" + failure + "): a broker"
                + " that took that CONNECT publishes it itself, and if none did, that connection never came up");
    }

    /**
     * Publishes, each acknowledged before the next, the state messages waiting below this connection's "online": wills
     * of connections that ended, and after a restart what the process before held.
     */
    private void sendEarlierStates() throws StateNotSaid {
        String state = topics.of(MessageKind.STATE.topic());
        long after = 0;
        while (true) {
            List<OutboxRow> rows = next(after, state, true, WINDOW).stream()
                    .filter(r -> r.seq() < online.seq()).toList();
            if (rows.isEmpty()) {
                return;
            }
            for (OutboxRow r : rows) {
                if (stateTooLarge(EARLIER_OFFLINE, r)) {
                    after = r.seq();
                    continue;
                }
                Optional<String> refused;
                try {
                    refused = client.publishAndWait(r.topic(), r.payload(), r.retained(), stateAckWaitMs);
                } catch (BrokerException e) {
                    throw new StateNotSaid(EARLIER_OFFLINE, r, e);
                }
                if (refused.isPresent()) {
                    stateRefused(EARLIER_OFFLINE, r, refused.get());
                } else {
                    acknowledged(r);
                    published.incrementAndGet();
                }
                after = r.seq();
            }
        }
    }

    /**
     * Whether {@code row}, a {@code state} message sent while connecting or at a stop, is a PUBLISH larger than the
     * broker takes (the maximum packet size it announced, or the configured one: {@link #packetLimit}); if so it is set
     * aside as the drain sets aside such a message, not sent, and said in one WARN naming the topic, the size and the
     * limit. Sent, it would have the broker close the connection (MQTT 5, 3.2.2.3.6): these messages are published and
     * awaited before the link marks the connection made, so the attempt would fail on it, and the message would never
     * reach the drain's check nor {@link DroppedOnSend} (until 2026-12-04 it was sent:
     * {@code UpstreamStateTooLargeTest}).
     */
    private boolean stateTooLarge(String what, OutboxRow row) {
        if (!setAsideIfTooLarge(row)) {
            return false;
        }
        long bytes = publishPacketBytes(row);
        LOG.warn("upstream: {} (message {}) on {} is a PUBLISH of {} bytes, larger than the broker's maximum packet"
                + " size of {} bytes: set aside, not sent (the broker would close the connection on it); the grid"
                + " company does not get this gateway's state until that limit is at least {} bytes", what, row.seq(),
                row.topic(), bytes, packetLimit(), bytes);
        return true;
    }

    /**
     * Sets {@code row} aside as refused, unsent, when its PUBLISH is larger than the broker takes
     * ({@link #packetLimit}): sent, it would make the broker close the connection, and it would be sent again after
     * every reconnect. Returns whether it did. The drain's messages and the state messages sent outside it are held to
     * it alike.
     */
    private boolean setAsideIfTooLarge(OutboxRow row) {
        long limit = packetLimit();
        long bytes = publishPacketBytes(row);
        if (limit <= 0 || bytes <= limit) {
            return false;
        }
        long broker = brokerPacketLimit();
        if (broker > 0 && bytes > broker) {
            verdicts.refused(row.topic(), row.seq(), BrokerRefusal.tooLarge(bytes, broker));
            return true;
        }
        // Within the broker's limit, over the client's own: sent, Paho would refuse it and end the connection, after
        // every reconnect. No message the gateway makes is that large (MAX_INCOMING_PACKET_BYTES).
        LOG.warn("upstream: message {} on {} is a PUBLISH of {} bytes, larger than the MQTT client sends ({} bytes, the"
                + " maximum packet size the gateway announces for what it takes): set aside, not sent", row.seq(),
                row.topic(), bytes, limit);
        verdicts.refused(row.topic(), row.seq(), BrokerRefusal.tooLargeForClient(bytes, limit));
        return true;
    }

    /**
     * The broker refused a {@code state} message in its PUBACK (MQTT v5): it is set aside as the drain sets aside any
     * refused message (kept for an operator, named in an {@code outbox.setAside} event), never taken as acknowledged,
     * and said in a WARN naming the topic: a broker that will not take the gateway's state (an ACL) is an installation
     * error, and the grid company does not see this gateway's state meanwhile. Until 2026-12-03 such a message was
     * taken as acknowledged and lost ({@code UpstreamStateRefusedTest}).
     */
    private void stateRefused(String what, OutboxRow row, String refusal) {
        verdicts.refused(row.topic(), row.seq(), BrokerRefusal.puback(refusal));
        LOG.warn("upstream: the broker refused {} (message {}) on {} ({}): set aside; the grid company does not get"
                + " this gateway's state until the broker lets client {} publish there", what, row.seq(), row.topic(),
                refusal, settings.clientId());
    }

    /** The broker has {@code row}: it leaves the outbox, and its kind is one the broker takes. */
    private void acknowledged(OutboxRow row) {
        verdicts.taken(row.topic(), row.seq());
    }

    /**
     * {@link Outbox#next}, or nothing once the outbox cannot be read because the store is damaged: said once (the mark
     * that has the next start move the store aside, and a WARN), not every 200 ms; the connection and its "online" are
     * kept.
     */
    private List<OutboxRow> next(long afterSeq, String topic, boolean sameTopic, int limit) {
        if (outboxUnreadable && outbox.storeGeneration() != damagedGeneration) {
            outboxUnreadable = false;
            LOG.info("upstream: the store was moved aside and a fresh one made: the outbox is read again");
        }
        if (outboxUnreadable) {
            return List.of();
        }
        try {
            return outbox.next(afterSeq, topic, sameTopic, limit);
        } catch (StoreException e) {
            if (!outbox.damaged(e)) {
                throw e;
            }
            outboxUnreadable = true;
            damagedGeneration = outbox.storeGeneration();
            LOG.warn("upstream: the outbox cannot be read (the store is damaged: {}); nothing more is published from it"
                    + " until the store is moved aside (while running, or by the next start)", e.getMessage());
            return List.of();
        }
    }

    /** Messages waiting, for a log line: "unknown" when the outbox cannot be counted. */
    private String waiting() {
        try {
            return Long.toString(outbox.size());
        } catch (StoreException e) {
            outbox.damaged(e);
            return "unknown";
        }
    }

    private ConnectRequest request(OutboxRow will) throws IOException, GeneralSecurityException {
        Optional<SSLSocketFactory> factory = ConnectRequest.watched(tls.isPresent() ? Optional.of(tls.get().forConnect())
                : Optional.empty());
        Optional<String> username = settings.login().map(BrokerLogin::username);
        Optional<byte[]> password = Optional.empty();
        if (settings.login().isPresent()) {
            password = Optional.of(settings.login().get().password()); // read at each connect: it may be rotated
        }
        return new ConnectRequest(will.topic(), will.payload(), factory, username, password, connackWait, tcpConnect);
    }

    /** The drain's unacknowledged publishes at a time: {@link #WINDOW}, or fewer when the broker takes fewer. */
    private int window() {
        return verdicts.oneAtATime() ? 1 : Math.max(1, Math.min(WINDOW, client.receiveMaximum()));
    }

    private void drainStep() throws InterruptedException {
        if (inflight.get() >= window()) {
            await(50);
            return;
        }
        long wait = nextSendAt - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
            return;
        }
        if (pending.isEmpty()) {
            String state = topics.of(MessageKind.STATE.topic());
            List<OutboxRow> rows = next(stateCursor, state, true, WINDOW);
            if (rows.isEmpty()) {
                rows = next(dataCursor, state, false, 100);
            }
            if (rows.isEmpty()) {
                await(200);
                return;
            }
            pending.addAll(rows);
        }
        OutboxRow row = pending.poll();
        if (setAsideIfTooLarge(row)) {
            advancePast(row);
            return;
        }
        int gen = generation;
        try {
            if (!client.publish(row.topic(), row.payload(), row.retained(), new Delivered(row.seq(), row.topic(), gen))) {
                // The broker's window is full with other publishes (a reply, say): this one waits at the head, sent
                // once one of those is acknowledged.
                pending.addFirst(row);
                await(50);
                return;
            }
        } catch (BrokerException e) {
            LOG.debug("upstream: publish of {} failed: {}", row.seq(), e.getMessage());
            pending.clear();
            await(200);
            return;
        }
        inflight.incrementAndGet();
        verdicts.sent(row.seq(), row.topic());
        advancePast(row);
        nextSendAt = Math.max(nextSendAt + intervalNanos, System.nanoTime() - intervalNanos);
    }

    private void advancePast(OutboxRow row) {
        if (row.topic().endsWith("/" + MessageKind.STATE.topic())) {
            stateCursor = row.seq();
        } else {
            dataCursor = row.seq();
        }
    }

    /**
     * The largest packet the link sends: the smallest of the limit the broker announced, the configured one and the
     * MQTT client's own ({@link BrokerClient#ownPacketLimit}); 0 when none is known.
     */
    public long packetLimit() {
        return smallestKnown(brokerPacketLimit(), client.ownPacketLimit());
    }

    /** The largest packet the broker takes: the smaller of the limit it announced and the configured one, or 0. */
    private long brokerPacketLimit() {
        return smallestKnown(client.maximumPacketSize(), settings.maxPacketBytes());
    }

    /** The smaller of two limits, of which 0 is none. */
    private static long smallestKnown(long a, long b) {
        return a > 0 && b > 0 ? Math.min(a, b) : Math.max(a, b);
    }

    /**
     * A Topic Alias property (identifier, two-byte alias): Paho 1.2.5 adds one to the first PUBLISH on each topic of a
     * connection, up to the number of aliases the broker allows in its CONNACK (Mosquitto 2: 10 by default), and leaves
     * the topic's name out of the ones after it.
     */
    static final int TOPIC_ALIAS_BYTES = 3;

    /**
     * The size of a QoS 1 PUBLISH of {@code row} as the first on its topic, the largest it can be: fixed header, topic,
     * packet id, v5 properties (a topic alias), payload. Until 2026-12-05 the alias was not counted, and a message
     * within 3 bytes of the broker's limit was sent and the connection closed on it
     * ({@code UpstreamTopicAliasBoundaryTest}).
     */
    static long publishPacketBytes(OutboxRow row) {
        return packetBytes(row.topic(), TOPIC_ALIAS_BYTES, row.payload().length);
    }

    /**
     * The size of a QoS 1 PUBLISH of a reply: as {@link #publishPacketBytes}, with the correlation data as a v5
     * property (identifier, length, bytes) when there is one.
     */
    public static long replyPacketBytes(String topic, byte[] payload, byte[] correlation) {
        return packetBytes(topic, TOPIC_ALIAS_BYTES + (correlation == null ? 0 : 1 + 2 + correlation.length),
                payload.length);
    }

    private static long packetBytes(String topic, int propertyBytes, int payloadBytes) {
        long rest = 2L + topic.getBytes(StandardCharsets.UTF_8).length + 2 + varIntBytes(propertyBytes) + propertyBytes
                + payloadBytes;
        return 1 + varIntBytes(rest) + rest;
    }

    private static int varIntBytes(long n) {
        return n < 128 ? 1 : n < 16_384 ? 2 : n < 2_097_152 ? 3 : 4;
    }

    private final class Delivered implements BrokerClient.Completion {
        private final long seq;
        private final String topic;
        private final int gen;

        Delivered(long seq, String topic, int gen) {
            this.seq = seq;
            this.topic = topic;
            this.gen = gen;
        }

        @Override
        public void acknowledged(String refusal) {
            if (verdicts.acknowledged(seq, topic, refusal)) {
                published.incrementAndGet();
            }
            if (gen == generation) {
                inflight.decrementAndGet();
            }
            wakeUp();
        }

        @Override
        public void failed(Throwable e) {
            // Stays in the outbox; the reconnect resends it.
            LOG.debug("upstream: message {} not acknowledged: {}", seq, String.valueOf(e));
            if (gen == generation) {
                inflight.decrementAndGet();
            }
        }
    }

    private final class Events implements BrokerClient.Events {
        @Override
        public void lost(String why) {
            MqttLink.this.lost(why);
        }

        @Override
        public void arrived(IncomingCommand command) {
            if (!commands.topics().contains(command.topic())) {
                LOG.warn("upstream: message on {} ignored: commands are accepted only on {}", command.topic(),
                        commands.topics());
                return;
            }
            commands.arrived(command);
        }
    }

    /**
     * The MQTT client says the connection ended. Before the link marked it made (its CONNACK, "online" and what goes
     * before, {@link #connectOnce}), the loss is left in {@link #lastLoss} for the link thread: a step of the connect
     * sequence still to come fails on it (and says so), or the link thread takes it once it has marked the connection
     * made. Marked before {@code connected} is read, so a loss in that window is never missed.
     */
    private void lost(String why) {
        losses.incrementAndGet();
        Loss loss = new Loss(attempt, why);
        lastLoss = loss;
        if (connected) {
            takeLoss(loss);
        }
    }

    /** A connection's loss, once (lost() and the link thread may both come to it): its will released, said. */
    private void takeLoss(Loss loss) {
        if (lossTaken.getAndSet(loss.attempt()) == loss.attempt()) {
            return;
        }
        // Released before the link thread can see the connection gone: its next pair is then queued behind the
        // release, so the will is publishable (and sent before the next "online") by the time that pair is stored.
        OutboxRow w = will;
        will = null;
        if (w != null) {
            outbox.release(w.seq());
        }
        connected = false;
        if (!closing) {
            LOG.warn("upstream: connection to {} lost: {}; reconnecting", settings.broker(), loss.why());
        }
        wakeUp();
    }

    /** A loss the MQTT client reported: {@code why}, of the connection made by attempt {@code attempt}. */
    private record Loss(long attempt, String why) {
    }

    private void wakeUp() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    private void await(long ms) throws InterruptedException {
        synchronized (wake) {
            wake.wait(ms);
        }
    }

    private void sleep(long ms) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        while (!closing && System.nanoTime() < until) {
            await(Math.max(1, Math.min(200, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime()))));
        }
    }

    /**
     * At a stop, once the link thread is over (its fields are then this thread's to read): the held pair of a
     * connection that no broker holds, which the next start connects with as this run's next attempt would have; set
     * aside and released instead, it would leave a stale {@code offline} to send for every restart while the broker
     * is down. Also a pair the stop before kept that this run stopped before asking for. Not a pair whose CONNECT may
     * have reached a broker ({@link #pairOffered}: the stop interrupted an attempt waiting for its CONNACK, say):
     * that connection ends without a DISCONNECT, the broker publishes the will, and the next start's online would be
     * numbered below it.
     */
    private Optional<Outbox.HeldPair> pairToKeep(OutboxRow w) {
        if (thread.isAlive() || connected) {
            return Optional.empty();
        }
        if (w == null) {
            return outbox.takeKeptPair();
        }
        if (online == null || pairUnstored || pairOffered || client.isConnected()) {
            return Optional.empty();
        }
        return Optional.of(new Outbox.HeldPair(online, w));
    }

    /**
     * At a stop, once the link thread is over: a pair it asked the outbox for and never took (the stop came while the
     * outbox stored it, or between the loop's look at the stop and its asking) is kept for the next start, as
     * {@link #pairToKeep}'s is: no broker was offered it. Left held, the next start set its online aside and sent its
     * will (until 2026-12-06: {@code UpstreamStopWhilePairStoredTest}).
     */
    private void keepPairAsked() {
        PairRequest asked = thread.isAlive() ? null : pairStored;
        if (asked == null || pairUnstored || asked.stored().isCompletedExceptionally()) {
            return;
        }
        pairStored = null;
        try {
            asked.keepForNextStart();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("upstream: interrupted at the stop while keeping the online and will it asked the outbox for;"
                    + " the next start sets the online aside");
            return;
        }
        LOG.info("upstream: stopped before taking the online and will it asked the outbox for; they are kept for the"
                + " next start");
    }

    /** A normal DISCONNECT: the broker then discards the will instead of publishing it ahead of "online". */
    private void disconnectQuietly() {
        try {
            client.disconnect(1000);
        } catch (BrokerException e) {
            LOG.debug("upstream: disconnect: {}", e.getMessage());
        }
    }

    /**
     * Stops: at a clean stop the gateway publishes its own will ({@code offline}) and waits up to 2 s for it to be
     * acknowledged, then disconnects; also when the stop came while it waited for the broker to acknowledge the
     * connection's "online", which the broker may have retained (until 2026-12-03 that "online" stayed the retained
     * state of a stopped gateway: {@code UpstreamStopBeforeOnlineAckTest}). When that {@code offline} is not
     * acknowledged, the connection ends so that the broker publishes the will
     * ({@link BrokerClient#disconnectLeavingWill}): a normal DISCONNECT would have it discard the will, and the
     * retained state stay "online" (until 2026-12-03: {@code UpstreamStopOfflineLostTest}). What is still in the
     * outbox, that will too then, stays there for the next start. An {@code offline} the broker refuses in its PUBACK
     * is set aside ({@link #stateRefused}) and the connection ends the same way, as does one larger than the broker
     * takes, set aside unsent ({@link #stateTooLarge}). A stop that comes while a connect is under way lets it go on
     * until it has sent its "online": the CONNACK's wait (15 s by default) and {@value #STOP_ACK_WAIT_MS} ms more for
     * the earlier state messages' PUBACKs, 17 s at most from the stop; then it cuts what the link's thread waits for
     * short and stops as above: the {@code offline} follows the "online" on the connection, and the online's PUBACK,
     * if it comes, is taken then ({@link #onlineAnsweredLate}). So a stop returns within those 17 s, the 2 s for the
     * {@code offline}, the DISCONNECT's and 5 s for the link's thread at the most.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return; // stopped already: a second stop would say it again, and judge the pair to keep again
        }
        closing = true;
        wakeUp();
        boolean stopInterrupted = false;
        try {
            if (connectUnderWay) {
                // Cut short, the CONNECT (with the will) is left at the broker and the pair held, which the next start
                // sets aside, sending the will (until 2026-12-06: UpstreamStopWhileAwaitingBrokerTest). Let go on until
                // its "online" is sent (or the attempt failed), the stop goes on as for a connected link: the CONNACK's
                // own wait, then at least 2 s for the earlier state messages before "online" (until 2026-12-06 10 s,
                // the link's own wait for each); a broker slower than that is taken as silent, as for the stop's
                // offline, and the online, never sent, is set aside at the next start. The online's own PUBACK is not
                // waited for (until 2026-12-06 it was, 10 s): the stop's offline follows it on the connection, and the
                // PUBACK, if it comes, is taken then (onlineAnsweredLate; UpstreamStopCutsOnlineWaitTest).
                awaitOnlineSent(connackWait.toMillis() + STOP_ACK_WAIT_MS);
            }
        } catch (InterruptedException e) {
            stopInterrupted = true;
        }
        // Interrupted or not, the link's thread is stopped and waited for: left going, it would go on waiting for a
        // CONNACK, with the MQTT client connecting, which then refuses to close; a CONNACK coming late would connect a
        // stopped gateway, and have it say online (until 2026-12-07: UpstreamStopInterruptedWhileConnectingTest).
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            stopInterrupted = true;
        }
        if (stopInterrupted) {
            Thread.currentThread().interrupt();
        }
        // The stopping thread's own interrupt, kept to the end: Paho's waits clear the flag (PahoInterrupt sets it
        // again), and its v5 client clears it once more without a word in its disconnect or close (seen: the flag set
        // again after each wait was gone as the stop returned). So it is read after each call and set again as the stop
        // returns (until 2026-12-06 it was lost: UpstreamStopInterruptedTest).
        boolean interrupted = Thread.currentThread().isInterrupted();
        OutboxRow w = will;
        keepPairAsked();
        Optional<Outbox.HeldPair> unheard = pairToKeep(w);
        unheard.ifPresent(pair -> {
            outbox.keepPair(pair);
            LOG.info("upstream: not connected at the stop; its online and will (messages {} and {}) are kept for the"
                    + " next start", pair.online().seq(), pair.will().seq());
        });
        boolean offlineNotTaken = false;
        if ((connected || onlineUnacknowledgedAtStop) && w != null && stateTooLarge("offline at the stop", w)) {
            // Left to the broker, the same message in the CONNECT it took, as for an offline it refused.
            offlineNotTaken = true;
            will = null;
        } else if ((connected || onlineUnacknowledgedAtStop) && w != null) {
            try {
                Optional<String> refused;
                try {
                    refused = client.publishAndWait(w.topic(), w.payload(), true, STOP_ACK_WAIT_MS);
                } finally {
                    interrupted |= Thread.currentThread().isInterrupted();
                }
                if (refused.isPresent()) {
                    // Set aside, and the will left to the broker as for an offline not acknowledged: one that refused
                    // only this PUBLISH (its quota, 0x97) may still publish that will, the same message; one whose
                    // ACL refuses the topic drops it too (Mosquitto 2 does).
                    stateRefused("offline at the stop", w, refused.get());
                    offlineNotTaken = true;
                } else {
                    acknowledged(w);
                    published.incrementAndGet();
                }
                will = null;
            } catch (BrokerException e) {
                // The will stays held in the outbox, so the next start sends it again (consumers de-duplicate by id).
                offlineNotTaken = true;
                LOG.warn("upstream: could not say offline at stop: {}; disconnecting so that the broker publishes the"
                        + " will (message {}) instead", e.getMessage(), w.seq());
            }
        }
        connected = false;
        try {
            if (client.isConnected()) {
                if (offlineNotTaken) {
                    client.disconnectLeavingWill(2_000);
                } else {
                    client.disconnect(2_000);
                }
            }
        } catch (BrokerException e) {
            LOG.debug("upstream: disconnect at stop: {}", e.getMessage());
        }
        interrupted |= Thread.currentThread().isInterrupted();
        // A client still connected or connecting here is one this stop published no offline on: Paho takes the close of
        // one it disconnected. Its connection is ended without a DISCONNECT, so that the broker publishes its will
        // (UpstreamForcedCloseWillTest); a client left unclosed even so is said at WARN.
        UnclosedAtStop.close(client::close);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        LOG.info("upstream: stopped after {} messages acknowledged", published.get());
    }

    /** Whether {@code e} came of an interrupted wait (Paho's report of it is the exception's cause). */
    private static boolean endedByInterrupt(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }
}
