package org.orderly.gateway.web;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.orderly.gateway.tls.CertifiedKey;
import org.orderly.gateway.web.alarm.AlarmKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says when the page's served {@code web.tls} certificate nears its end, since a renewal is due weeks before (certbot:
 * 30 days before, for a 90-day certificate) and one this close means renewing has failed: a WARN at start and once a
 * day while it expires within {@link #WARN_WITHIN} (or within the last sixth of its validity, when that is shorter), an
 * ERROR at start and once a day once it has expired, each naming the file and the expiry; and the page's alarm
 * meanwhile. Its dates are held against the clock given (people's time, as the page's TLS clients keep).
 */
final class CertificateExpiry {
    static final Duration WARN_WITHIN = Duration.ofDays(14);
    static final Duration SAY_AGAIN_AFTER = Duration.ofDays(1);
    private static final Logger LOG = LoggerFactory.getLogger(CertificateExpiry.class);

    private final Path certFile;
    private final Clock clock;
    private CertifiedKey served;
    /** What was said last about {@link #served}, and when; null when nothing was. */
    private AlarmKind said;
    private Instant saidAt;

    CertificateExpiry(Path certFile, CertifiedKey served, Clock clock) {
        this.certFile = certFile;
        this.served = served;
        this.clock = clock;
    }

    /** A certificate taken in place of the one served: said at once if it too ends soon. */
    synchronized void serving(CertifiedKey next) {
        served = next;
        said = null;
        saidAt = null;
        check();
    }

    /** Says where the served certificate stands, if due: first for it, when that changes, and a day after the last. */
    synchronized void check() {
        Instant now = clock.instant();
        Optional<AlarmKind> standing = standing(served, now);
        if (standing.isEmpty()) {
            said = null;
            saidAt = null;
            return;
        }
        // A clock stepped back past the last saying says it again, and counts from there.
        boolean due = standing.get() != said || now.isBefore(saidAt) || !now.isBefore(saidAt.plus(SAY_AGAIN_AFTER));
        if (!due) {
            return;
        }
        said = standing.get();
        saidAt = now;
        if (said == AlarmKind.CERTIFICATE_EXPIRED) {
            LOG.error("local page: web.tls: the certificate in {} expired at {} ({}); serving it all the same, and"
                    + " browsers will warn or refuse it: renew it (renewed files are taken without a restart)",
                    certFile, served.notAfter(), served.validity());
        } else {
            LOG.warn("local page: web.tls: the certificate in {} expires at {}, in {} ({}); renew it before then"
                    + " (renewed files are taken without a restart)", certFile, served.notAfter(),
                    left(now, served.notAfter()), served.validity());
        }
    }

    /** The alarm the page lists for the served certificate now, if any. */
    synchronized Optional<AlarmKind> alarm() {
        return standing(served, clock.instant());
    }

    private static Optional<AlarmKind> standing(CertifiedKey key, Instant now) {
        if (key.expiredAt(now)) {
            return Optional.of(AlarmKind.CERTIFICATE_EXPIRED);
        }
        Duration validity = Duration.between(key.notBefore(), key.notAfter());
        // A short-lived certificate (an ACME profile of days) is renewed days before its end, not weeks.
        Duration within = validity.dividedBy(6).compareTo(WARN_WITHIN) < 0 ? validity.dividedBy(6) : WARN_WITHIN;
        return key.notAfter().isBefore(now.plus(within)) ? Optional.of(AlarmKind.CERTIFICATE_EXPIRING) : Optional.empty();
    }

    /** For a log line: {@code 9 d 23 h}, or {@code 5 h 12 min} within the last day. */
    private static String left(Instant now, Instant end) {
        Duration d = Duration.between(now, end);
        return d.toDays() > 0 ? d.toDays() + " d " + d.toHoursPart() + " h" : d.toHours() + " h " + d.toMinutesPart() + " min";
    }
}
