package org.orderly.tools.aggregate;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.orderly.text.SecretFileMode;
import org.orderly.gateway.tls.PemFiles;
import org.orderly.gateway.upstream.link.Transport;
import org.orderly.tools.InputFiles;
import org.orderly.log.LogAtExit;
import org.orderly.tools.aggregate.LineFile.Durability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import org.orderly.text.TextFileException;
import org.orderly.text.TextFile;

/** {@code orderly aggregate}: the grid company's consumer of the upstream contract v1 (docs/aggregate.md). */
@Command(name = "aggregate", mixinStandardHelpOptions = true,
        description = {"The grid company's side: subscribe to every gateway's upstream messages with an MQTT v5 shared"
                + " subscription, validate and de-duplicate them, and export the compounds' summed load and"
                + " flexibility per time bucket. Run several with the same --group to split the load.",
                "Exit codes: 0 done, 1 broker or file trouble, 2 bad arguments."})
public final class AggregateCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(AggregateCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--broker", required = true, paramLabel = "URL",
            description = "ssl://host:8883 (TLS, the server's certificate is verified) or tcp://host:1883 (needs --plaintext)")
    String broker;

    @Option(names = "--ca", paramLabel = "FILE",
            description = "PEM file of the CA certificates (one or more) that signed the broker's certificate"
                    + " (default: the JVM's trust store)")
    Path ca;

    @Option(names = "--cert", paramLabel = "FILE",
            description = "PEM file of this instance's client certificate (and its chain), for a broker that requires"
                    + " client certificates; with --key")
    Path cert;

    @Option(names = "--key", paramLabel = "FILE", description = "PEM file of the unencrypted private key of --cert")
    Path key;

    @Option(names = "--plaintext", description = "allow a tcp:// broker URL: no encryption, no server authentication")
    boolean plaintext;

    @Option(names = "--username", paramLabel = "NAME", description = "MQTT user name")
    String username;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "file whose first line is the MQTT password (kept out of the process list)")
    Path passwordFile;

    @Option(names = "--client-id", paramLabel = "ID",
            description = "this instance's MQTT client id; keep it stable across restarts so the broker resumes its"
                    + " session, and unique (default aggregate-HOST-HASH, HASH of --group and the --out path)")
    String clientId;

    @Option(names = "--group", defaultValue = "orderly-aggregate", paramLabel = "NAME",
            description = "share group; instances with the same group split the messages (default ${DEFAULT-VALUE})")
    String group;

    @Option(names = "--session-expiry", defaultValue = "600", paramLabel = "SECONDS",
            description = "how long the broker keeps this instance's session while it is away (default ${DEFAULT-VALUE})")
    long sessionExpiry;

    @Option(names = "--bucket", defaultValue = "1m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "time bucket of the export, aligned to the epoch (default ${DEFAULT-VALUE})")
    Duration bucket;

    @Option(names = "--grace", defaultValue = "15s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "how long after its end a bucket waits for late telemetry before it is written (default ${DEFAULT-VALUE})")
    Duration grace;

    @Option(names = "--max-future", defaultValue = "5m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "reject messages whose ts lies further ahead of this clock (default ${DEFAULT-VALUE})")
    Duration maxFuture;

    @Option(names = "--max-age", defaultValue = "192h", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "reject telemetry whose ts lies further behind this clock: the gateways' outbox.maxAgeHours"
                    + " (168 by default) and a margin (default ${DEFAULT-VALUE})")
    Duration maxAge;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the export file; rows are appended")
    Path out;

    @Option(names = "--format", defaultValue = "csv", paramLabel = "csv|jsonl",
            description = "export format (default ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--journal", paramLabel = "FILE",
            description = "also append one JSON line per accepted message (id, seq, ts, receive time, values);"
                    + " rename it to rotate it (logrotate without copytruncate): a new file follows at the path")
    Path journal;

    @Option(names = "--dead-letter", paramLabel = "FILE",
            description = "one JSON line per message that could not be taken, with the reason and the payload"
                    + " (default with --journal: the journal's name + .dead-letter)")
    Path deadLetter;

    @Option(names = "--for", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "stop after this long (default: run until Ctrl-C)")
    Duration runFor;

    @Override
    public Integer call() throws Exception {
        BrokerSettings settings;
        ExportFormat exportFormat;
        try {
            exportFormat = switch (format) {
                case "csv" -> ExportFormat.CSV;
                case "jsonl" -> ExportFormat.JSONL;
                default -> throw new IllegalArgumentException("--format " + format + ": expected csv or jsonl");
            };
            if (bucket.toMillis() < 1000 || grace.isNegative() || maxFuture.isNegative()
                    || maxAge.isNegative()) {
                throw new IllegalArgumentException("--bucket must be at least 1s; --grace, --max-future and --max-age"
                        + " not negative");
            }
            if (ca != null) {
                InputFiles.readableFile("--ca", ca);
            }
            settings = new BrokerSettings(broker, plaintext, Optional.ofNullable(ca), clientCertificate(),
                    Optional.ofNullable(username),
                    readPassword(), clientId != null ? clientId : defaultClientId(group, out), group, sessionExpiry,
                    BrokerSettings.ALL_KINDS);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("aggregate: " + e.getMessage());
            return 2;
        }
        Aggregator aggregator;
        try {
            Path deadLetterFile = deadLetter != null ? deadLetter
                    : journal != null ? journal.resolveSibling(journal.getFileName() + ".dead-letter") : null;
            aggregator = new Aggregator(settings.clientId(), bucket, grace, new TsBounds(maxFuture, maxAge),
                    new LineFile(out, exportFormat.header(), Durability.EACH_LINE), exportFormat,
                    journal != null ? openJournal(journal) : null,
                    deadLetterFile != null ? openJournal(deadLetterFile) : null, Clock.systemUTC());
        } catch (IOException e) {
            spec.commandLine().getErr().println("aggregate: cannot open " + e.getMessage());
            return 1;
        }
        return run(settings, aggregator);
    }

    /**
     * The --journal file (and the --dead-letter file) as this command opens it (a test opens it the same way on a
     * power-cut disk): its lines are forced in groups, each before the PUBACKs of the messages it holds
     * ({@link AckAfterForce}).
     */
    static LineFile openJournal(Path journal) throws IOException {
        return new LineFile(journal, null, Durability.ON_FORCE);
    }

    /**
     * A broker of MQTT 3.1.1 only answers a v5 CONNECT with its own CONNACK (return code 1, unacceptable protocol
     * version), which Paho's v5 client cannot read as a v5 reason code.
     */
    private static boolean notMqtt5(Exception e) {
        return e instanceof MqttException m && (m.getReasonCode() == MqttException.REASON_CODE_INVALID_RETURN_CODE
                || m.getReasonCode() == MqttException.REASON_CODE_UNSUPPORTED_PROTOCOL_VERSION);
    }

    private int run(BrokerSettings settings, Aggregator aggregator) throws InterruptedException, IOException {
        ScheduledExecutorService exporter = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "orderly-aggregate-export");
            t.setDaemon(true);
            return t;
        });
        AggregateClient client;
        try {
            client = AggregateClient.start(settings, aggregator);
        } catch (MqttException | IOException | GeneralSecurityException e) {
            spec.commandLine().getErr().println("aggregate: connecting to " + settings.url() + " as "
                    + settings.clientId() + " failed: " + (notMqtt5(e) ? "the broker did not take an MQTT v5"
                    + " connection (it answered with a return code of MQTT 3.1.1); aggregate needs MQTT v5 for its"
                    + " shared subscription (docs/aggregate.md)" : ClientCertificateRefusal.of(e, settings)
                    .orElseGet(() -> e.getMessage() + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")"
                    : ""))));
            aggregator.close();
            exporter.shutdownNow();
            return 1;
        }
        exporter.scheduleAtFixedRate(() -> {
            try {
                aggregator.exportDue();
            } catch (RuntimeException e) {
                LOG.error("aggregate: exporting the due buckets failed; trying again in a second", e);
            }
            aggregator.reopenMoved();
        }, 1, 1, TimeUnit.SECONDS);
        spec.commandLine().getOut().printf("aggregate %s: group %s on %s; buckets of %s to %s%n", settings.clientId(),
                settings.group(), settings.url(), bucket, out.toAbsolutePath());
        spec.commandLine().getOut().flush();
        AtomicBoolean closed = new AtomicBoolean();
        // Ctrl-C runs the hook; the JVM waits for it, so the last rows are written before it exits.
        Runnable closeOnce = () -> {
            if (closed.compareAndSet(false, true)) {
                shutdown(client, exporter, aggregator);
            }
        };
        Thread hook = new Thread(() -> {
            closeOnce.run();
            LogAtExit.flush(); // what the close logged, written out before the JVM halts
        }, "orderly-aggregate-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        if (runFor == null) {
            new CountDownLatch(1).await(); // until the hook ends the JVM
            return 0;
        }
        Thread.sleep(runFor.toMillis());
        closeOnce.run();
        Runtime.getRuntime().removeShutdownHook(hook);
        return 0;
    }

    private static void shutdown(AggregateClient client, ScheduledExecutorService exporter, Aggregator aggregator) {
        client.close();
        exporter.shutdown();
        try {
            exporter.awaitTermination(5, TimeUnit.SECONDS);
            aggregator.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.error("aggregate: closing the export files failed", e);
        }
    }

    /**
     * The client certificate and key, read as the gateway's upstream link reads its own ({@link PemFiles}) before the
     * broker is tried: a missing or unreadable file, one that holds no PEM certificate or key, or a key that is not the
     * certificate's is one line here rather than a handshake the broker ends without saying why.
     */
    private Optional<Transport.ClientCertificate> clientCertificate() {
        if (cert == null && key == null) {
            return Optional.empty();
        }
        if (cert == null || key == null) {
            throw new IllegalArgumentException(cert == null ? "--key " + key + " needs --cert, the certificate it is"
                    + " the key of" : "--cert " + cert + " needs --key, its private key");
        }
        InputFiles.readableFile("--cert", cert);
        InputFiles.readableFile("--key", key);
        try {
            PemFiles.keyStore("aggregate", cert, key);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("--cert " + cert + " --key " + key + ": " + e.getMessage(), e);
        }
        SecretFileMode.warning(key).ifPresent(w -> spec.commandLine().getErr().println(
                "aggregate: --key " + key + " " + w));
        return Optional.of(new Transport.ClientCertificate(cert, key));
    }

    private Optional<byte[]> readPassword() {
        if (passwordFile == null) {
            return Optional.empty();
        }
        InputFiles.readableFile("--password-file", passwordFile);
        try {
            List<String> lines = TextFile.read(passwordFile).lines().toList();
            if (lines.isEmpty() || lines.get(0).isEmpty()) {
                throw new IllegalArgumentException("--password-file " + passwordFile + ": the first line is empty");
            }
            SecretFileMode.warning(passwordFile).ifPresent(w -> spec.commandLine().getErr().println(
                    "aggregate: --password-file " + passwordFile + " " + w));
            return Optional.of(lines.get(0).getBytes(StandardCharsets.UTF_8));
        } catch (TextFileException e) {
            throw new IllegalArgumentException("--password-file " + passwordFile + ": " + e.fault(), e);
        }
    }

    /**
     * The same for every run of one instance, so that a restart resumes its session: a new id each run (the PID's,
     * until 2026-12-02) left the run before's session in the share group, and the broker went on giving it its turn
     * until the session expired, lost to the new run. An instance is its host, its group and its export file, since two
     * instances cannot share one export; two instances on one host with one id would throw each other out.
     */
    static String defaultClientId(String group, Path out) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "host";
        }
        String instance = group + "\n" + out.toAbsolutePath().normalize();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(instance.getBytes(StandardCharsets.UTF_8));
            return "aggregate-" + host.replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                    + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
