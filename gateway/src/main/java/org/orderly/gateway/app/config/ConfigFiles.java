package org.orderly.gateway.app.config;

import java.nio.file.Path;
import java.util.Optional;
import org.orderly.text.SecretFileMode;
import org.orderly.text.TextFile;
import org.orderly.text.TextFileException;
import org.orderly.text.Unreadable;

/** Files a configuration names (keys, certificates, passwords): resolved against its directory and checked at load. */
final class ConfigFiles {
    private ConfigFiles() {
    }

    /**
     * As {@link #readable}, for a file holding a secret (a pre-shared key, a password, a private key): one that every
     * local user can read is one of the configuration's warnings, at the key's value (check-config prints it, the
     * gateway logs it at its start). Not refused: the gateway keeps the transformer within its limit, and a mode must
     * not stop that.
     */
    static Optional<Path> secret(Section s, String key, Path base, boolean mustHoldText, Problems problems,
                                 Problems warnings) {
        return secret(s, key, base, mustHoldText, "", problems, warnings);
    }

    /** As {@link #secret(Section, String, Path, boolean, Problems, Problems)}, saying {@code ifMissing} of a file not there. */
    static Optional<Path> secret(Section s, String key, Path base, boolean mustHoldText, String ifMissing,
                                 Problems problems, Problems warnings) {
        Optional<Path> p = readable(s, key, base, mustHoldText, ifMissing, problems);
        if (p != null && p.isPresent()) {
            SecretFileMode.everyoneReads(p.get()).ifPresent(mode -> warnings.at(s.value(key), "'" + key + "' in "
                    + s.path() + ": file " + p.get() + " can be read by every local user (mode " + mode + ", and others"
                    + " may enter every directory above it); it holds a secret: chmod o-r " + p.get()
                    + " (600, or 640 with the gateway's group)"));
        }
        return p;
    }

    /**
     * The readable file named by {@code key}, resolved against {@code base}; empty when the key is absent, null (with
     * a problem reported at the value) when the file is missing, unreadable or, if {@code mustHoldText}, empty.
     */
    static Optional<Path> readable(Section s, String key, Path base, boolean mustHoldText, Problems problems) {
        return readable(s, key, base, mustHoldText, "", problems);
    }

    /**
     * {@link Unreadable}'s reason, with what the installer does about it here: {@code ifMissing} for a file not there,
     * and for one the gateway's user may not read, who should be let read it.
     */
    private static String whyNotRead(Unreadable problem, String ifMissing) {
        if (problem instanceof Unreadable.Missing && !ifMissing.isEmpty()) {
            return problem.text() + "; " + ifMissing;
        }
        if (problem instanceof Unreadable.Denied) {
            return problem.text() + "; let it read the file (its owner or group, the gateway's)";
        }
        return problem.text();
    }

    /** As {@link #readable(Section, String, Path, boolean, Problems)}, saying {@code ifMissing} of a file not there. */
    static Optional<Path> readable(Section s, String key, Path base, boolean mustHoldText, String ifMissing,
                                   Problems problems) {
        if (!s.has(key)) {
            return Optional.empty();
        }
        Path p = s.path(key, "", base, "a file name");
        if (p == null) {
            return null;
        }
        Optional<Unreadable> problem = Unreadable.asFile(p);
        if (problem.isPresent()) {
            problems.at(s.value(key), "'" + key + "' in " + s.path() + ": file " + p + ": "
                    + whyNotRead(problem.get(), ifMissing));
            return null;
        }
        if (mustHoldText) {
            String text;
            try {
                text = TextFile.read(p);
            } catch (TextFileException e) {
                problems.at(s.value(key), "'" + key + "' in " + s.path() + ": file " + p + " " + e.fault());
                return null;
            }
            if (text.isBlank()) {
                problems.at(s.value(key), "'" + key + "' in " + s.path() + ": file " + p + " is empty");
                return null;
            }
        }
        return Optional.of(p);
    }
}
