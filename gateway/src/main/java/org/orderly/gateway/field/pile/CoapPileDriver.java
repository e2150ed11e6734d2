package org.orderly.gateway.field.pile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.pile.FailureReporter.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.orderly.text.Amps;
import org.orderly.text.json.JsonString;

/**
 * A pile behind the firmware-bridge, over CoAP (plain or DTLS-PSK) with Californium's {@link CoapClient}.
 * Limits go out as {@code PUT /limit {"amps":..,"ttlSeconds":..}} (JSON) from the driver's own thread, with
 * {@code "pileId"} to a bridge whose last {@code /info} said it takes it (a refusal for another pile is taken as such an
 * {@code /info});
 * {@code /status} is observed, and when no notification came for {@code statusStaleAfter} (or the
 * observation failed) the driver GETs {@code /status} and registers a new observation. Silence is timed on the
 * ticker: after NTP stepped the wall clock back, a silent observation would otherwise not be replaced for as long.
 * {@code /info} is read after the first status and after the first status that follows a replaced observation (the
 * bridge may have been restarted with other options, or be another pile's now): the fallback is the larger of the
 * configured safe current and the bridge's own ({@link BridgeInfoCheck}), and what disagrees with the configuration is
 * logged once per change. The statuses of an observation are given out only once that read has ended: until then
 * {@link #latest} is the last status given out before (none at the start). A bridge whose {@code /info} names another
 * pile is given no limits and its statuses are not this pile's ({@link #latest} is empty, so the control cycle holds
 * the pile as one it cannot hear) until a later {@code /info} names this pile.
 */
public final class CoapPileDriver implements PileDriver {

    private static final Logger LOG = LoggerFactory.getLogger(CoapPileDriver.class);
    /**
     * What {@code /info} says against the configuration, under a logger of its own: a commissioning command has no
     * configuration to hold it against ({@code orderly pile set}'s safe current is the driver's default) or says it in
     * its own words ({@code selftest}), and quiets this one.
     */
    private static final Logger INFO_CHECK_LOG = LoggerFactory.getLogger(BridgeInfoCheck.class);

    private final CoapPileConfig config;
    private final Clock clock;
    private final Ticker ticker;
    private final FailureReporter reporter;
    /** Holds the bridge's {@code sessionEnergyKwh} to what a session can count. */
    private final SessionEnergyBound sessionEnergy;
    private final ScheduledExecutorService executor;
    private final CoapEndpointPool endpoints;
    private final CoapEndpoint endpoint;
    private final CoapClient client;
    private final LeaseKeeper keeper;
    private final AcknowledgedSending acknowledgedSending;
    /** The status given out (unless {@link #info} names another pile): one whose bridge's {@code /info} was read. */
    private final AtomicReference<PileState> latest = new AtomicReference<>();
    private volatile Tick lastStatusAt;
    /** Notifications taken; a GET's status is taken only if none came while it was asked ({@link #accept}). */
    private long notificationsTaken;
    /**
     * Set from the start, and again when the observation is replaced, until the {@code /info} read after that
     * observation's first status has ended: its statuses are then held in {@link #unchecked}, not given out.
     */
    private boolean awaitingInfo = true;
    /** The newest status taken while {@link #awaitingInfo}; given out once the read has ended. */
    private PileState unchecked;
    /**
     * Guards taking a status and giving it out: {@link #latest}, {@link #lastStatusAt}, {@link #notificationsTaken},
     * {@link #awaitingInfo}, {@link #unchecked}, and publishing {@link #info}, so that no reader pairs one bridge's
     * status with another's {@code /info}.
     */
    private final Object taking = new Object();
    private volatile CoapObserveRelation observation;
    private volatile boolean closed;
    /** Set until {@code /info} is read after the first status, and again whenever the observation is replaced. */
    private final AtomicBoolean infoWanted = new AtomicBoolean(true);
    private volatile Optional<BridgeInfoCheck.Result> info = Optional.empty();
    /** Whether the WARN that an {@code /info} of a bridge given no limits went unanswered was said; driver's thread. */
    private boolean unansweredSaid;
    /** A request went out (Californium's onSent): over DTLS, only once a handshake has completed. */
    private volatile boolean sentAny;
    private final MessageObserverAdapter sentWatch = new MessageObserverAdapter() {
        @Override
        public void onSent(boolean retransmission) {
            sentAny = true;
        }
    };

    private CoapPileDriver(CoapPileConfig config, PileListener listener, Clock clock, Ticker ticker,
                           CoapEndpointPool endpoints) {
        this.config = config;
        this.clock = clock;
        this.ticker = ticker;
        this.reporter = new FailureReporter(config.pileId(), listener, clock);
        this.sessionEnergy = new SessionEnergyBound(config.pileId(), config.rating(), 0, config.worldSpeed());
        this.endpoints = endpoints;
        this.endpoint = endpoints.acquire(config);
        try {
            startEndpoint(config, endpoint);
            this.executor = DriverThread.named("coap", config.pileId());
            this.client = new CoapClient(config.uri("/limit"));
            client.setEndpoint(endpoint);
            client.setTimeout(config.requestTimeout().toMillis());
            this.keeper = new LeaseKeeper(config.pileId(), config.lease(), config.requestTimeout(), new Put(), reporter,
                    executor);
            this.acknowledgedSending = new AcknowledgedSending(keeper);
        } catch (RuntimeException | Error e) {
            // Given back, or the endpoint (started above: its socket and threads) stays for the JVM's life when
            // it is the pool's last: no driver was made to close it (until 2026-12-06). What fails here is an endpoint
            // that cannot start, or an Error: a Californium class a Kura bundle being upgraded can no longer load, as
            // CoapPileDriverStartFailureTest's loader that refuses CoapClient.
            endpoints.release(endpoint);
            throw e;
        }
    }

    /**
     * Starts {@code endpoint} unless another driver of its pool did. Californium's {@code CoapClient.setEndpoint}, which
     * started it until 2026-12-07, logs an {@code IOException} from the start (a socket that cannot bind) to Californium's
     * logger and goes on: the driver drove an endpoint that never started, and reported only timeouts.
     */
    private static void startEndpoint(CoapPileConfig config, CoapEndpoint endpoint) {
        try {
            endpoint.start();
        } catch (IOException e) {
            InetSocketAddress local = endpoint.getAddress();
            throw new UncheckedIOException("pile " + config.pileId() + ": cannot drive " + config.uri("")
                    + ": its CoAP endpoint cannot start on local address " + local.getHostString() + ":" + local.getPort()
                    + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    /**
     * Starts a driver with an endpoint of its own: observes {@code /status} at once and refreshes leases every ttl/3
     * (sooner for a short one).
     */
    public static CoapPileDriver start(CoapPileConfig config, PileListener listener, Clock clock) {
        return start(config, listener, clock, new CoapEndpointPool());
    }

    /** Starts a driver on an endpoint from {@code endpoints}, shared with the other drivers using that pool. */
    public static CoapPileDriver start(CoapPileConfig config, PileListener listener, Clock clock,
                                       CoapEndpointPool endpoints) {
        return start(config, listener, clock, Ticker.SYSTEM, endpoints);
    }

    /** As above, statuses aged on {@code ticker}. */
    public static CoapPileDriver start(CoapPileConfig config, PileListener listener, Clock clock, Ticker ticker,
                                       CoapEndpointPool endpoints) {
        CoapPileDriver driver = new CoapPileDriver(Objects.requireNonNull(config, "config"),
                Objects.requireNonNull(listener, "listener"), Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(ticker, "ticker"), Objects.requireNonNull(endpoints, "endpoints"));
        try {
            driver.begin();
        } catch (RuntimeException | Error e) {
            // Closed, or its thread (started by the keeper's renewals) and its endpoint stay for the JVM's life: no one
            // holds the driver to close it (until 2026-12-07; CoapPileDriverStartFailureTest).
            try {
                driver.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return driver;
    }

    /** Starts the lease renewals and the observation, silence timed from when the observation is asked. */
    private void begin() {
        keeper.start();
        lastStatusAt = ticker.now();
        executor.execute(this::observe);
        long check = Math.max(100, config.statusStaleAfter().toMillis() / 3);
        executor.scheduleWithFixedDelay(this::checkObservation, check, check, TimeUnit.MILLISECONDS);
        LOG.info("pile {}: driving {} (lease {} s, refreshed every {} ms)", config.pileId(), config.uri(""),
                config.lease().ttlSeconds(), keeper.refreshEvery().toMillis());
    }

    @Override
    public String pileId() {
        return config.pileId();
    }

    @Override
    public void offer(double amps) {
        keeper.offer(amps);
    }

    @Override
    public boolean acknowledges(double amps) {
        return keeper.acknowledges(amps);
    }

    @Override
    public long setpointFailures() {
        return keeper.failedSendings();
    }

    @Override
    public Optional<Tick> acknowledgedSendingAt(double amps) {
        return acknowledgedSending.of(amps);
    }

    /**
     * Its safe current once its lease has lapsed (the bridge's {@code LeaseWatchdog}): the configured one, or the
     * bridge's own on {@code /info} if larger.
     */
    @Override
    public Fallback fallback() {
        return new Fallback(info.map(BridgeInfoCheck.Result::safeAmps).orElse(config.safeAmps()), config.lease().ttl());
    }

    /** The id the bridge gave on {@code /info} when it is another pile's; read from any thread. */
    @Override
    public Optional<String> answersAs() {
        return info.flatMap(BridgeInfoCheck.Result::otherPile);
    }

    /** Where the bridge is reached, {@code coap://10.20.0.11:5683} (as the lines about its {@code /info} say it). */
    public String address() {
        return config.uri("");
    }

    /** What the bridge's {@code /info} said, checked against the configuration; empty until it was read. */
    public Optional<BridgeInfoCheck.Result> bridgeInfo() {
        return info;
    }

    /**
     * Whether a DTLS session with the bridge was established in this driver's life: a request went out, which Scandium
     * sends only after the handshake completed, so the bridge took the pile's PSK identity and key. False over plain
     * CoAP.
     */
    public boolean dtlsSessionEstablished() {
        return config.psk().isPresent() && sentAny;
    }

    /**
     * Empty before the first {@code /info} read has ended (a round trip after the first status; the request timeout
     * for a bridge that does not answer it), and while the bridge says it is another pile: what it reports is that
     * pile's, not this one's. After a replaced observation, the last status given out before it until the
     * {@code /info} read after the new observation's first status has ended (the bridge there may be another pile's
     * now): a quiet pile, whose observation is replaced every {@code statusStaleAfter}, is heard throughout.
     */
    @Override
    public Optional<PileState> latest() {
        synchronized (taking) {
            // A bridge given no limits (another pile's, or one that refused a limit naming the pile and whose /info is
            // not read yet) falls back to its safe current: the cycle holds that for it, as for an offline pile.
            return answersAs().isPresent() || keeper.withheld() ? Optional.empty() : Optional.ofNullable(latest.get());
        }
    }

    /** The {@code PUT /limit} of one lease, blocking on the driver's thread. */
    private final class Put implements LimitSender {

        @Override
        public String describe(double amps, LeaseTiming lease) {
            return "PUT " + config.uri("/limit") + " " + Amps.of(amps) + " ttl " + lease.ttlSeconds() + " s";
        }

        @Override
        public void send(double amps, LeaseTiming lease) throws PileIoException {
            Tick sending = ticker.now();
            String operation = describe(amps, lease);
            boolean naming = namesPile();
            Request put = Request.newPut();
            put.setURI(config.uri("/limit"));
            put.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
            if (naming) {
                // A bridge of another pile says its id whole in JSON to a gateway that asks (RefusalBody).
                put.getOptions().setAccept(MediaTypeRegistry.APPLICATION_JSON);
            }
            put.setPayload(String.format(Locale.ROOT, "{\"amps\":%s,\"ttlSeconds\":%d%s}", Double.toString(amps),
                    lease.ttlSeconds(), naming ? ",\"pileId\":" + JsonString.of(config.pileId()) : ""));
            CoapResponse response = exchange(operation, put);
            if (!response.isSuccess()) {
                PileIoException refused = CoapFailures.refused(operation, response);
                if (naming) {
                    LimitRefusal.of(response.getCode(), response.getOptions().getContentFormat(),
                            response.getPayload()).ifPresent(r -> refusedAsNamed(r, refused.getMessage()));
                }
                throw refused;
            }
            acknowledgedSending.acknowledged(sending);
        }
    }

    /**
     * Whether a limit names the pile: to a bridge whose last {@code /info} said it takes {@code pileId}, so that one
     * started since at this address as another pile's refuses it rather than taking it (the renewals of the standing
     * limit reach it before its {@code /info} is read); an older bridge is sent limits without it, as before.
     */
    private boolean namesPile() {
        return config.idRole().sent() && info.flatMap(BridgeInfoCheck.Result::said).map(BridgeInfo::limitTakesPileId)
                .orElse(false);
    }

    /**
     * A limit naming the pile refused for it, on the driver's thread: the bridge there now is not the one whose
     * {@code /info} was last read. Another pile's that says its id whole is held as one whose {@code /info} names that
     * pile (withheld, held offline, the same WARN and alarm). An older bridge, which does not know the key, and one whose
     * prose reason cut the other pile's id (a bridge of the first build that took {@code pileId}: the cut id is not one
     * to hold it by, and its {@code /info} says the whole one, in the same WARN, said once) took no limit and are sent
     * none, held offline ({@link #latest} is empty), until {@code /info} says whether it is this pile. Either way
     * {@code /info} is read at once.
     */
    private void refusedAsNamed(LimitRefusal refusal, String why) {
        if (refusal instanceof LimitRefusal.AnotherPile other && !other.cut()) {
            if (config.idRole().checked()) {
                took(BridgeInfoCheck.limitForAnotherPile(config.pileId(), config.uri(""), config.safeAmps(),
                        other.bridgeSays(), why));
            }
        } else if (refusal instanceof LimitRefusal.PileIdUnknown) {
            withholdUntilInfo();
            LOG.warn("{}", WithheldLine.said(config.pileId(), config.uri(""), "refused a limit naming pile "
                    + OtherPile.quoted(config.pileId()) + " (" + why + ")", "its safe current "
                    + Amps.of(fallback().amps()), "its /info is read (asked now); then, if it says pile "
                    + OtherPile.quoted(config.pileId()) + ", limits go to it without pileId"));
        } else if (config.idRole().checked()) {
            // Said by the /info read now, the id whole, in the one WARN a bridge of another pile gets (the refusal
            // itself is reported as every failure is); and, should that go unanswered, by the line that says so.
            withholdUntilInfo();
            LOG.debug("pile {}: {}; the id cut, held until its /info is read", config.pileId(), why);
        }
        infoWanted.set(true);
        readInfoIfWanted();
    }

    private CoapResponse exchange(String operation, Request request) throws PileIoException {
        CoapResponse response;
        request.addMessageObserver(sentWatch);
        try {
            response = client.advanced(request);
        } catch (Exception e) {
            request.cancel();
            throw CoapFailures.thrown(operation, e);
        }
        if (response == null) {
            request.cancel();
            Throwable error = request.getSendError() != null ? request.getSendError() : request.getOnResponseError();
            if (error != null) {
                throw CoapFailures.thrown(operation, error);
            }
            throw CoapFailures.timeout(operation, config.requestTimeout().toMillis());
        }
        return response;
    }

    private void observe() {
        if (closed) {
            return;
        }
        Request get = Request.newGet();
        get.setURI(config.uri("/status"));
        get.getOptions().setAccept(MediaTypeRegistry.APPLICATION_JSON);
        get.setObserve();
        get.addMessageObserver(sentWatch);
        observation = client.observe(get, new StatusHandler(get));
    }

    private final class StatusHandler implements CoapHandler {

        private final Request request;

        StatusHandler(Request request) {
            this.request = request;
        }

        @Override
        public void onLoad(CoapResponse response) {
            String operation = "observe " + config.uri("/status");
            if (!response.isSuccess()) {
                reporter.failed(Exchange.STATUS, operation, CoapFailures.refused(operation, response));
                return;
            }
            accept(operation, response, NOTIFICATION);
        }

        @Override
        public void onError() {
            if (closed) {
                return;
            }
            String operation = "observe " + config.uri("/status");
            // A notification Californium would not take (one larger than it takes) is a response error, not a send error.
            Throwable error = request.getSendError() != null ? request.getSendError() : request.getOnResponseError();
            reporter.failed(Exchange.STATUS, operation, error != null ? CoapFailures.thrown(operation, error)
                    : new PileIoException(request.isTimedOut() ? PileFailureKind.TIMEOUT : PileFailureKind.CONNECTION,
                            operation + ": the observation " + (request.isTimedOut() ? "timed out" : "was rejected or reset")
                                    + "; it is re-registered after " + config.statusStaleAfter().toMillis() / 3 + " ms", null));
        }
    }

    /** What {@link #accept} is given for a notification, in place of the notifications taken before a GET. */
    private static final long NOTIFICATION = -1;

    /**
     * Takes a status the bridge sent, or reports it malformed. A GET's status is not taken when a notification came
     * while it was asked: the bridge read it when the GET came, and the notification may tell of a change made after
     * that (until 2026-12-03 the GET's older status replaced it). The observation is then alive, and its notifications
     * tell every change in order.
     *
     * <p>A status taken, or kept (the pile answered), says that its statuses are read again ({@link FailureReporter}); a
     * malformed one is reported here and says nothing more (until 2026-12-03 the GET that replaces an observation said
     * the pile answered again after every malformed one).
     *
     * @param notifiedBefore for a GET's answer, the notifications taken when it was sent; {@link #NOTIFICATION} for one
     */
    private void accept(String operation, CoapResponse response, long notifiedBefore) {
        PileState state;
        Tick now = ticker.now();
        try {
            state = StatusJson.parse(config.pileId(), response.getPayload(), clock.instant(), now, config.rating());
            // A count no session reaches, or one the pile could not have delivered since the last, is refused as a
            // draw above its rating is: the last status taken stays (SessionEnergyBound).
            Optional<String> refused = sessionEnergy.refusal(state.sessionEnergyKwh(), now);
            if (refused.isPresent()) {
                throw new PileIoException(PileFailureKind.MALFORMED, "/status sessionEnergyKwh " + refused.get(), null);
            }
            Optional<String> lastRefused = state.lastSession().flatMap(ended -> sessionEnergy.noSessions(ended.energyKwh()));
            if (lastRefused.isPresent()) {
                throw new PileIoException(PileFailureKind.MALFORMED, "/status lastSession.energyKwh " + lastRefused.get(), null);
            }
        } catch (PileIoException e) {
            reporter.failed(Exchange.STATUS, operation, e);
            return;
        }
        readInfoIfWanted();
        synchronized (taking) {
            if (notifiedBefore == NOTIFICATION) {
                notificationsTaken++;
                take(state, now);
            } else if (notificationsTaken == notifiedBefore) {
                take(state, now);
            } else {
                LOG.debug("pile {}: {}: a notification came while it was asked; its status is kept", config.pileId(),
                        operation);
            }
        }
        reporter.succeeded(Exchange.STATUS);
    }

    /** Gives out {@code state}, or holds it while {@code /info} is awaited; under {@link #taking}. */
    private void take(PileState state, Tick now) {
        if (awaitingInfo) {
            unchecked = state;
        } else {
            latest.set(state);
        }
        lastStatusAt = now;
    }

    /**
     * Queues reading {@code /info} when it is wanted, before the status that asks for it is published: the driver's
     * one thread then checks the bridge's pile id before it sends any limit a control cycle offers on that status.
     */
    private void readInfoIfWanted() {
        if (infoWanted.compareAndSet(true, false)) {
            try {
                executor.execute(this::readInfo);
            } catch (RejectedExecutionException whenClosed) {
                LOG.debug("pile {}: driver closed, /info not read", config.pileId());
            }
        }
    }

    /**
     * Runs on the driver's thread: reads {@code /info} and logs what disagrees with the configuration when that
     * changed. A request that goes unanswered is tried again after the next status; a refusal or a reply that cannot be
     * believed is taken as it is (the configured safe current, said once) until the observation is next replaced.
     * Ended, answered or not, it gives out the status held while it was awaited: a bridge that does not answer
     * {@code /info} is heard, as it was before the gateway read it. The statuses it gives out are those of the
     * observation it was asked after (a notification that came while it was asked is that observation's too: a bridge
     * restarted since holds none of the gateway's observations).
     */
    private void readInfo() {
        try {
            String operation = "GET " + config.uri("/info");
            Request get = Request.newGet();
            get.setURI(config.uri("/info"));
            get.getOptions().setAccept(MediaTypeRegistry.APPLICATION_JSON);
            CoapResponse response;
            try {
                response = exchange(operation, get);
            } catch (PileIoException e) {
                if (!closed) {
                    infoWanted.set(true);
                    unanswered(e);
                }
                return;
            }
            took(response.isSuccess()
                    ? BridgeInfoCheck.check(config.pileId(), config.idRole().checked(), config.uri(""),
                            config.safeAmps(), config.rating(),
                            response.getPayload())
                    : BridgeInfoCheck.refused(config.pileId(), config.safeAmps(), operation,
                            CoapFailures.answered(response)));
        } catch (RuntimeException bug) {
            LOG.error("pile {}: reading /info failed", config.pileId(), bug);
        } finally {
            synchronized (taking) {
                giveOutUnchecked();
            }
        }
    }

    /** Gives the bridge no limits and none of its statuses out until its {@code /info} is read; driver's thread. */
    private void withholdUntilInfo() {
        keeper.withhold(true);
        unansweredSaid = false;
    }

    /**
     * An {@code /info} read that got no answer: asked again after the next status. A bridge given no limits until its
     * {@code /info} is read (it refused a limit naming the pile) is said to be held so, once until the read succeeds.
     */
    private void unanswered(PileIoException e) {
        if (keeper.withheld() && answersAs().isEmpty() && !unansweredSaid) {
            unansweredSaid = true;
            LOG.warn("{}", WithheldLine.said(config.pileId(), config.uri(""), "gave no /info (" + e.getMessage() + ")",
                    "its safe current " + Amps.of(fallback().amps()), "its /info is read (asked again after the next"
                    + " status)"));
        } else {
            LOG.debug("pile {}: {}; asked again after the next status", config.pileId(), e.getMessage());
        }
    }

    /** Gives out the status held while {@code /info} was awaited; under {@link #taking}. */
    private void giveOutUnchecked() {
        awaitingInfo = false;
        if (unchecked != null) {
            latest.set(unchecked);
            unchecked = null;
        }
    }

    /** Holds what {@code /info} said, and logs its warnings when they are not the ones last logged. */
    private void took(BridgeInfoCheck.Result checked) {
        List<String> before = info.map(BridgeInfoCheck.Result::warnings).orElse(List.of());
        boolean withheldUntilInfo = keeper.withheld() && answersAs().isEmpty();
        unansweredSaid = false;
        // Withheld before the result is published: a cycle that sees the pile's statuses again may offer it current.
        keeper.withhold(checked.otherPile().isPresent());
        synchronized (taking) {
            // With what was held: the status given out and the pile id it is checked by change at once.
            info = Optional.of(checked);
            giveOutUnchecked();
        }
        if (withheldUntilInfo && checked.otherPile().isEmpty()) {
            LOG.info("pile {}: the bridge at {} is given limits again, its /info read{}", config.pileId(), config.uri(""),
                    namesPile() ? "" : " (without pileId)");
        }
        if (!checked.warnings().equals(before)) {
            checked.warnings().forEach(w -> INFO_CHECK_LOG.warn("{}", w));
            if (checked.warnings().isEmpty()) {
                INFO_CHECK_LOG.info("pile {}: /info now agrees with the configuration; holding {} for it while it is offline",
                        config.pileId(), Amps.of(checked.safeAmps()));
            }
        }
    }

    /** Runs on the driver's thread: a silent or failed observation is checked with a GET and replaced. */
    private void checkObservation() {
        try {
            CoapObserveRelation current = observation;
            Duration silent = ticker.now().since(lastStatusAt);
            boolean broken = current == null || current.isCanceled();
            if (!broken && silent.compareTo(config.statusStaleAfter()) <= 0) {
                return;
            }
            LOG.debug("pile {}: status silent for {} ms{}; GET and re-register", config.pileId(), silent.toMillis(),
                    broken ? " (observation failed)" : "");
            infoWanted.set(true); // the bridge may have been restarted, with other options or as another pile
            synchronized (taking) {
                awaitingInfo = true; // the GET's status and the new observation's held until /info is read again
            }
            String operation = "GET " + config.uri("/status");
            Request get = Request.newGet();
            get.setURI(config.uri("/status"));
            get.getOptions().setAccept(MediaTypeRegistry.APPLICATION_JSON);
            long notifiedBefore;
            synchronized (taking) {
                notifiedBefore = notificationsTaken;
            }
            try {
                CoapResponse response = exchange(operation, get);
                if (!response.isSuccess()) {
                    throw CoapFailures.refused(operation, response);
                }
                accept(operation, response, notifiedBefore);
            } catch (PileIoException e) {
                reporter.failed(Exchange.STATUS, operation, e);
            }
            if (current != null) {
                current.reactiveCancel();
            }
            observe();
        } catch (RuntimeException bug) {
            LOG.error("pile {}: checking the status observation failed", config.pileId(), bug);
        }
    }

    @Override
    public void close() {
        PileDriverCloses.closeAll(List.of(this));
    }

    /**
     * Stops the lease renewals and the observation, and gives the endpoint back at once: a request under way ends with
     * it. Its thread ended when the close has ended, as a Modbus driver's: a stop (a bundle's deactivate) leaves none
     * behind.
     */
    @Override
    public Closing beginClose() {
        closed = true;
        keeper.stop();
        executor.shutdownNow();
        CoapObserveRelation current = observation;
        if (current != null) {
            current.reactiveCancel();
        }
        client.shutdown();
        endpoints.release(endpoint);
        return until -> {
            boolean ended = DriverThread.ended(executor, until);
            LOG.info("pile {}: driver closed; the pile keeps its lease until it lapses", config.pileId());
            return ended;
        };
    }

    @Override
    public String toString() {
        return "CoapPileDriver[" + config.pileId() + " " + config.uri("") + "]";
    }
}
