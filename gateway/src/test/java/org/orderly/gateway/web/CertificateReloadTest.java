package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Scanner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.orderly.gateway.app.config.WebTls;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.tls.PemFiles;
import org.orderly.gateway.upstream.TestCa;
import org.orderly.gateway.web.alarm.AlarmKind;
import org.orderly.testkit.BadTextFile;

/**
 * The page's HTTPS connector ({@code web.tls}) on a real Jetty server on 127.0.0.1, its certificate and key renewed
 * in place as an installer or an ACME client does: new TLS connections get the renewed certificate without a restart,
 * open ones are kept, and a certificate whose key has not arrived yet is not taken. The test drives the file scans
 * itself, through Jetty's own {@link Scanner}s on the server ({@link FileScans}), instead of waiting for their period.
 */
class CertificateReloadTest {
    @TempDir
    Path dir;
    private TestCa ca;
    private Path[] a;
    private Path[] b;
    private Server server;
    private HttpsConnector https;
    private int port;
    /** The gateway's idea of now, for the certificates' dates; the test's TLS client keeps real time. */
    private final VirtualClock clock = new VirtualClock(Instant.now(), ZoneOffset.UTC);

    @BeforeEach
    void certificates() throws Exception {
        ca = new TestCa(dir.resolve("ca"), "compound-ca");
        a = ca.issue(dir.resolve("ca"), "page-a", TestCa.ip("127.0.0.1"));
        b = ca.issue(dir.resolve("ca"), "page-b", TestCa.ip("127.0.0.1"));
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void anExpiredRenewalIsNotTakenAndWarnsOnceWithItsDates() throws Exception {
        Instant now = clock.instant();
        Path[] expired = ca.issue(dir.resolve("ca"), "page-old", now.minus(Duration.ofDays(90)),
                now.minus(Duration.ofDays(1)), TestCa.ip("127.0.0.1"));
        Path certFile = copy(a[0], dir.resolve("page.crt"));
        Path keyFile = copy(a[1], dir.resolve("page.key"));
        start(certFile, keyFile);
        try (CapturedLog log = new CapturedLog()) {
            copy(expired[0], certFile);
            copy(expired[1], keyFile);
            scan();
            assertThat(servedIgnoringDates()).as("after an expired pair was written").isEqualTo("CN=page-a");
            X509Certificate c = certificate(expired);
            assertThat(log.lines(" WARN ", certFile.toString(), "expired", c.getNotBefore().toInstant().toString(),
                    c.getNotAfter().toInstant().toString(), "still serving CN=page-a"))
                    .as("a warning naming the file and its dates").hasSize(1);

            scan();
            assertThat(log.lines(" WARN ", certFile.toString())).as("warned once for that change").hasSize(1);
        }
    }

    /** An ACME client writes a certificate valid from the moment it was issued: a gateway's clock may lag behind. */
    @Test
    void aRenewalNotValidYetIsTakenOnceItIsValid() throws Exception {
        Instant now = clock.instant();
        Path[] early = ca.issue(dir.resolve("ca"), "page-next", now.plus(Duration.ofMinutes(5)),
                now.plus(Duration.ofDays(90)), TestCa.ip("127.0.0.1"));
        X509Certificate c = certificate(early);
        Path certFile = copy(a[0], dir.resolve("page.crt"));
        Path keyFile = copy(a[1], dir.resolve("page.key"));
        start(certFile, keyFile);
        try (CapturedLog log = new CapturedLog()) {
            copy(early[0], certFile);
            copy(early[1], keyFile);
            scan();
            assertThat(servedIgnoringDates()).as("before it is valid").isEqualTo("CN=page-a");
            assertThat(log.lines(" WARN ", certFile.toString(), "not valid before",
                    c.getNotBefore().toInstant().toString(), c.getNotAfter().toInstant().toString()))
                    .as("a warning naming the file and its dates").hasSize(1);
            scan();
            assertThat(log.lines(" WARN ", certFile.toString())).as("warned once for that change").hasSize(1);

            clock.set(c.getNotBefore().toInstant());
            scan(); // the files have not changed since
            assertThat(servedIgnoringDates()).as("once valid").isEqualTo("CN=page-next");
            assertThat(log.lines(" INFO ", "CN=page-next")).hasSize(1);
        }
    }

    /** The page is not the safety function: the gateway starts, and says loudly what browsers will say. */
    @Test
    void anExpiredCertificateAtStartIsServedWithAnError() throws Exception {
        Instant now = clock.instant();
        Path[] expired = ca.issue(dir.resolve("ca"), "page-old", now.minus(Duration.ofDays(90)),
                now.minus(Duration.ofDays(1)), TestCa.ip("127.0.0.1"));
        X509Certificate c = certificate(expired);
        Path certFile = copy(expired[0], dir.resolve("page.crt"));
        try (CapturedLog log = new CapturedLog()) {
            start(certFile, copy(expired[1], dir.resolve("page.key")));
            assertThat(servedIgnoringDates()).isEqualTo("CN=page-old");
            assertThat(log.lines(" ERROR ", certFile.toString(), "expired", c.getNotBefore().toInstant().toString(),
                    c.getNotAfter().toInstant().toString(), "serving it all the same")).as("an error at start").hasSize(1);
            assertThat(https.certificateAlarm()).contains(AlarmKind.CERTIFICATE_EXPIRED);
        }
    }

    /**
     * A renewal is due weeks before the end (certbot: 30 days before, for a 90-day certificate): one this close to it
     * means renewing has failed, and the log says so every day, as an error once it has expired.
     */
    @Test
    void aCertificateNearItsEndWarnsAtStartAndDailyAndOnceExpiredErrsDaily() throws Exception {
        Instant now = clock.instant();
        Path[] ending = ca.issue(dir.resolve("ca"), "page-ending", now.minus(Duration.ofDays(80)),
                now.plus(Duration.ofDays(10)), TestCa.ip("127.0.0.1"));
        Instant notAfter = certificate(ending).getNotAfter().toInstant();
        Path certFile = copy(ending[0], dir.resolve("page.crt"));
        try (CapturedLog log = new CapturedLog()) {
            start(certFile, copy(ending[1], dir.resolve("page.key")));
            assertThat(log.lines(" WARN ", certFile.toString(), "expires at " + notAfter)).as("at start").hasSize(1);
            assertThat(https.certificateAlarm()).as("the page's alarm").contains(AlarmKind.CERTIFICATE_EXPIRING);

            scan();
            clock.set(now.plus(Duration.ofHours(23)));
            scan();
            assertThat(log.lines(" WARN ", certFile.toString())).as("not again within the day").hasSize(1);
            clock.set(now.plus(Duration.ofDays(1)));
            scan();
            assertThat(log.lines(" WARN ", certFile.toString(), "expires at " + notAfter)).as("a day later").hasSize(2);

            clock.set(notAfter.plusSeconds(1));
            scan();
            assertThat(log.lines(" ERROR ", certFile.toString(), "expired at " + notAfter)).as("once expired")
                    .hasSize(1);
            assertThat(https.certificateAlarm()).contains(AlarmKind.CERTIFICATE_EXPIRED);
            clock.set(notAfter.plus(Duration.ofHours(12)));
            scan();
            assertThat(log.lines(" ERROR ", certFile.toString())).as("not again within the day").hasSize(1);
            clock.set(notAfter.plus(Duration.ofDays(1)).plusSeconds(1));
            scan();
            assertThat(log.lines(" ERROR ", certFile.toString(), "expired at " + notAfter)).as("a day later")
                    .hasSize(2);
            assertThat(log.lines(" WARN ", certFile.toString())).as("no warning once it is an error").hasSize(2);
        }
    }

    @Test
    void aRenewalOfACertificateNearItsEndEndsTheWarningsAndTheAlarm() throws Exception {
        Instant now = clock.instant();
        Path[] ending = ca.issue(dir.resolve("ca"), "page-ending", now.minus(Duration.ofDays(80)),
                now.plus(Duration.ofDays(3)), TestCa.ip("127.0.0.1"));
        Path[] renewed = ca.issue(dir.resolve("ca"), "page-renewed", now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(90)), TestCa.ip("127.0.0.1"));
        Path certFile = copy(ending[0], dir.resolve("page.crt"));
        Path keyFile = copy(ending[1], dir.resolve("page.key"));
        try (CapturedLog log = new CapturedLog()) {
            start(certFile, keyFile);
            assertThat(https.certificateAlarm()).contains(AlarmKind.CERTIFICATE_EXPIRING);

            copy(renewed[0], certFile);
            copy(renewed[1], keyFile);
            scan();
            assertThat(servedIgnoringDates()).isEqualTo("CN=page-renewed");
            assertThat(https.certificateAlarm()).as("the alarm once renewed").isEmpty();
            clock.set(now.plus(Duration.ofDays(2)));
            scan();
            assertThat(log.lines(" WARN ", certFile.toString())).as("only the one at start").hasSize(1);
        }
    }

    /**
     * A short-lived certificate (an ACME profile of 6 days) is renewed days, not weeks, before its end: it is warned
     * about in the last sixth of its life, not all its life long.
     */
    @Test
    void aShortLivedCertificateWarnsOnlyInTheLastSixthOfItsLife() throws Exception {
        Instant now = clock.instant();
        Path[] shortLived = ca.issue(dir.resolve("ca"), "page-6d", now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(5)), TestCa.ip("127.0.0.1"));
        Instant notAfter = certificate(shortLived).getNotAfter().toInstant();
        Path certFile = copy(shortLived[0], dir.resolve("page.crt"));
        try (CapturedLog log = new CapturedLog()) {
            start(certFile, copy(shortLived[1], dir.resolve("page.key")));
            assertThat(log.lines(" WARN ", certFile.toString())).as("5 days of 6 left").isEmpty();
            assertThat(https.certificateAlarm()).isEmpty();

            clock.set(notAfter.minus(Duration.ofHours(23)));
            scan();
            assertThat(log.lines(" WARN ", certFile.toString(), "expires at " + notAfter)).as("23 hours left")
                    .hasSize(1);
            assertThat(https.certificateAlarm()).contains(AlarmKind.CERTIFICATE_EXPIRING);
        }
    }

    @Test
    void renewedFilesAreServedToNewConnectionsWhileAnOpenOneIsKept() throws Exception {
        Path certFile = copy(a[0], dir.resolve("page.crt"));
        Path keyFile = copy(a[1], dir.resolve("page.key"));
        start(certFile, keyFile);
        try (CapturedLog log = new CapturedLog(); SSLSocket open = connect()) {
            assertThat(served(open)).as("before the renewal").isEqualTo("CN=page-a");

            copy(b[0], certFile);
            copy(b[1], keyFile);
            scan();

            try (SSLSocket fresh = connect()) {
                assertThat(served(fresh)).as("a connection made after the renewal").isEqualTo("CN=page-b");
            }
            assertThat(get(open)).as("the connection opened before the renewal, used after it").startsWith("HTTP/1.1 200");
            assertThat(log.lines(" INFO ", "CN=page-b", certificate(b).getNotAfter().toInstant().toString()))
                    .as("the certificate taken, with its subject and expiry").hasSize(1);
        }
    }

    @Test
    void aCertificateWhoseKeyHasNotArrivedYetKeepsTheOldOneAndWarnsOnceUntilTheKeyComes() throws Exception {
        Path certFile = copy(a[0], dir.resolve("page.crt"));
        Path keyFile = copy(a[1], dir.resolve("page.key"));
        start(certFile, keyFile);
        try (CapturedLog log = new CapturedLog()) {
            copy(b[0], certFile);
            scan();
            assertThat(servedToANewConnection()).as("the renewed certificate with the old key").isEqualTo("CN=page-a");
            assertThat(log.lines(" WARN ", certFile.toString(), keyFile.toString(), "is not the private key"))
                    .as("a warning naming the files and what is wrong").hasSize(1);

            scan();
            assertThat(servedToANewConnection()).isEqualTo("CN=page-a");
            assertThat(log.lines(" WARN ", certFile.toString())).as("warned once for that change, not at every scan").hasSize(1);

            copy(b[1], keyFile);
            scan();
            assertThat(servedToANewConnection()).as("once the key has come too").isEqualTo("CN=page-b");
            assertThat(log.lines(" INFO ", "CN=page-b")).hasSize(1);
        }
    }

    /**
     * A renewed key or certificate that is not PEM text (Latin-1, DER's binary, a directory, a link that loops) keeps
     * the page serving the one it has, and one WARN names the file and what is wrong with it as TextFile says it. Until
     * 2026-12-05 the line ended in "Input length = 1" for a Latin-1 key, "No certificate data found" for a certificate
     * not text, "java.io.IOException: Is a directory", none naming the file.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badRenewals")
    void aRenewedFileThatIsNotTextKeepsTheOldCertificateAndSaysWhichAndWhy(String which, BadTextFile bad)
            throws Exception {
        Path[] files = {copy(a[0], dir.resolve("page.crt")), copy(a[1], dir.resolve("page.key"))};
        start(files[0], files[1]);
        try (CapturedLog log = new CapturedLog()) {
            Path badFile = bad.replace(files[which.equals("certFile") ? 0 : 1]);
            scan();

            assertThat(servedToANewConnection()).as("after a bad renewal").isEqualTo("CN=page-a");
            assertThat(log.lines(" WARN ", files[0].toString())).as("one line naming the file and what is wrong")
                    .singleElement().asString().contains(badFile + ":", bad.said, "still serving CN=page-a")
                    .doesNotContain("Exception");
            scan();
            assertThat(log.lines(" WARN ", files[0].toString())).as("warned once for that change").hasSize(1);
        }
    }

    static Stream<Arguments> badRenewals() {
        return Stream.of("certFile", "keyFile").flatMap(which -> Stream.of(BadTextFile.values())
                .map(bad -> Arguments.of(which, bad)));
    }

    /** Certbot's layout: live/ holds links into archive/, and a renewal points them at new files there. */
    @Test
    void linksRepointedAtRenewedFilesAreFollowed() throws Exception {
        Path live = Files.createDirectories(dir.resolve("live"));
        Path certFile = Files.createSymbolicLink(live.resolve("page.crt"), a[0]);
        Path keyFile = Files.createSymbolicLink(live.resolve("page.key"), a[1]);
        start(certFile, keyFile);
        // A renewal's files are written weeks after the first pair. Issued here in the same millisecond, at the same
        // size (as PEM often is), a repointed link would look unchanged to the scan (size and time) and not be seen.
        renewedLater(b, a);

        repoint(certFile, b[0]);
        repoint(keyFile, b[1]);
        scan();

        assertThat(servedToANewConnection()).isEqualTo("CN=page-b");
    }

    @Test
    void stoppingThePageLeavesNoScanningThreadBehind() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        start(copy(a[0], dir.resolve("page.crt")), copy(a[1], dir.resolve("page.key")));
        server.stop();
        server = null;
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!startedSince(before).isEmpty() && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertThat(startedSince(before)).as("threads started with the page, still there 10 s after it stopped").isEmpty();
    }

    private static List<String> startedSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t)).map(Thread::getName).toList();
    }

    private void start(Path certFile, Path keyFile) throws Exception {
        server = new Server();
        https = HttpsConnector.load(new WebTls(certFile, keyFile), clock);
        ServerConnector connector = (ServerConnector) https.connector(server, new HttpConfiguration(), "127.0.0.1", 0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                Content.Sink.write(response, true, "ok", callback);
                return true;
            }
        });
        server.start();
        port = connector.getLocalPort();
    }

    private void scan() throws Exception {
        FileScans.settle(server);
    }

    private SSLSocket connect() throws Exception {
        SSLSocket socket = (SSLSocket) WebTlsTest.trusting(ca.certFile).getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        return socket;
    }

    /** The subject of the certificate a new connection is given. */
    private String servedToANewConnection() throws Exception {
        try (SSLSocket socket = connect()) {
            return served(socket);
        }
    }

    /**
     * The subject of the certificate a new connection is given, read without judging it: this client's clock is real
     * time, the page's is {@link #clock}.
     */
    private String servedIgnoringDates() throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new ReadOnly()}, null);
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return served(socket);
        }
    }

    /** Takes any server certificate: only for {@link #servedIgnoringDates}, on loopback, to see which one is sent. */
    private static final class ReadOnly implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("a client's certificate is not expected");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // read, not judged
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    private static String served(SSLSocket socket) throws Exception {
        return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
    }

    /** The status line of a request sent on {@code socket}. */
    private static String get(SSLSocket socket) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    }

    private static X509Certificate certificate(Path[] pair) throws Exception {
        return (X509Certificate) PemFiles.certificates(pair[0]).iterator().next();
    }

    private static Path copy(Path from, Path to) throws Exception {
        return Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }

    /** As certbot does: a new link beside the old one, renamed over it. */
    private static void renewedLater(Path[] renewed, Path[] first) throws Exception {
        for (int i = 0; i < renewed.length; i++) {
            Instant written = Files.getLastModifiedTime(first[i]).toInstant().plus(Duration.ofDays(60));
            Files.setLastModifiedTime(renewed[i], FileTime.from(written));
        }
    }

    private static void repoint(Path link, Path target) throws Exception {
        Path next = link.resolveSibling(link.getFileName() + ".new");
        Files.createSymbolicLink(next, target);
        Files.move(next, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
