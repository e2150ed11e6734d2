package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.upstream.link.Transport;
import org.orderly.testkit.Mosquitto;
import org.orderly.tools.OrderlyCommand;
import org.orderly.tools.aggregate.LineFile.Durability;
import org.orderly.tools.testing.TestCertificates;
import picocli.CommandLine;

/**
 * Mutual TLS to a real Mosquitto that requires client certificates ({@code require_certificate true}), all made by a
 * throw-away CA for the test: the instance's certificate signed by the broker's CA connects; none, or one of another
 * CA, is refused in one line; a key that is not the certificate's, or a missing file, is one line before the broker
 * is tried.
 */
class ClientCertificateTest {
    @TempDir
    static Path dir;
    private static TestCertificates certs;
    private static Path[] client;
    private static Path[] otherClient;
    private static Mosquitto broker;

    @BeforeAll
    static void start() throws Exception {
        certs = TestCertificates.make(dir);
        client = certs.client("agg-client", false);
        otherClient = certs.client("agg-other", true);
        List<String> listener = new ArrayList<>(certs.mosquittoListener());
        listener.add("require_certificate true");
        broker = Mosquitto.start(dir, listener);
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private static String url() {
        return "ssl://127.0.0.1:" + broker.port();
    }

    @Test
    void theRightClientCertificateConnects() throws Exception {
        Aggregator aggregator = new Aggregator("mtls", Duration.ofMinutes(1), Duration.ofSeconds(15),
                Duration.ofMinutes(5),
                new LineFile(dir.resolve("mtls.csv"), ExportFormat.CSV.header(), Durability.EACH_LINE),
                ExportFormat.CSV, null, Clock.systemUTC());
        try (AggregateClient c = AggregateClient.start(new BrokerSettings(url(), false, Optional.of(certs.ca()),
                Optional.of(new Transport.ClientCertificate(client[0], client[1])), Optional.empty(), Optional.empty(),
                "mtls", "mtls", 0, BrokerSettings.ALL_KINDS), aggregator)) {
            assertThat(c.isConnected()).isTrue();
        } finally {
            aggregator.close();
        }
    }

    @Test
    void withoutAClientCertificateItIsRefused() {
        assertThat(run(1, "--ca", certs.ca().toString()))
                .startsWith("aggregate: connecting to " + url() + " as mtls-refused failed")
                .endsWith("failed: the broker requires a client certificate and none was presented (--cert, --key)");
    }

    @Test
    void aCertificateOfAnotherCaIsRefused() {
        assertThat(run(1, "--ca", certs.ca().toString(), "--cert", otherClient[0].toString(), "--key",
                otherClient[1].toString()))
                .startsWith("aggregate: connecting to " + url() + " as mtls-refused failed")
                .contains("the broker refused the client certificate " + otherClient[0]);
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsOneLine() {
        assertThat(run(2, "--ca", certs.ca().toString(), "--cert", client[0].toString(), "--key",
                otherClient[1].toString()))
                .isEqualTo("aggregate: --cert " + client[0] + " --key " + otherClient[1] + ": " + otherClient[1]
                        + " is not the private key of the first certificate in " + client[0]);
    }

    @Test
    void aMissingFileIsOneLine() {
        Path missing = dir.resolve("missing.pem");
        assertThat(run(2, "--ca", certs.ca().toString(), "--cert", missing.toString(), "--key",
                client[1].toString())).isEqualTo("aggregate: --cert " + missing + ": no such file");
        assertThat(run(2, "--ca", certs.ca().toString(), "--cert", client[0].toString()))
                .isEqualTo("aggregate: --cert " + client[0] + " needs --key, its private key");
    }

    /** `orderly aggregate` against the broker, with {@code extra}: its one line on stderr, having exited so. */
    private static String run(int exit, String... extra) {
        StringWriter err = new StringWriter();
        CommandLine cli = OrderlyCommand.commandLine();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        List<String> args = new ArrayList<>(List.of("aggregate", "--broker", url(), "--out",
                dir.resolve("refused-" + System.nanoTime() + ".csv").toString(), "--client-id", "mtls-refused",
                "--for", "1s"));
        args.addAll(List.of(extra));
        assertThat(cli.execute(args.toArray(String[]::new))).as("exit; stderr: %s", err).isEqualTo(exit);
        return err.toString().strip();
    }
}
