package org.orderly.gateway.kura;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.orderly.gateway.files.AtomicFile;
import org.orderly.text.TextFile;
import org.orderly.text.TextFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The copies of the bundle's register maps in its data area, and their manifest ({@value #MANIFEST}): each map the
 * bundle carries, with the SHA-256 of its content. An upgrade that no longer carries a map removes its copy, as dpkg
 * removes a map dropped from the .deb; a file the manifest does not list (an installer's own map) or one changed since
 * it was copied is never removed. Without a manifest (the maps were copied by a bundle from before 2026-12-03) nothing is
 * removed: the maps not carried now are named once, as they may be an installer's.
 *
 * <p>A copy changed since it was copied is not overwritten either, as dpkg keeps an edited conffile: the gateway reads
 * the meter with it, as its installer meant, and the bundle's map is written beside it ({@value #SHIPPED}) with one
 * WARN. Moving the edit aside instead would have the gateway read the meter with the bundle's map from that start on,
 * its scale perhaps the one the installer corrected. The map beside it goes once the copy is the bundle's map again
 * (the installer removed the edit, or the bundle now carries the map as edited) or the bundle no longer carries it.
 */
final class ShippedMapCopies {
    /** Not a {@code .yaml}, so never taken for a map. */
    static final String MANIFEST = ".shipped-maps";
    /** Added to a kept copy's name for the bundle's map beside it; not a {@code .yaml}, so never taken for a map. */
    static final String SHIPPED = ".shipped";
    private static final Logger LOG = LoggerFactory.getLogger(ShippedMapCopies.class);

    /** One map the bundle carries, opened when it is copied. */
    interface Carried {
        InputStream open() throws IOException;
    }

    private ShippedMapCopies() {
    }

    /**
     * Copies {@code carried} (by path relative to {@code dataDir}, e.g. {@code piles/generic-pile.yaml}) into
     * {@code dataDir}, removes the copies of maps an earlier bundle carried and {@code bundle} no longer does, and
     * writes the manifest.
     */
    static void update(Path dataDir, Map<String, Carried> carried, String bundle) throws IOException {
        Path target = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(target);
        Optional<Map<String, String>> before = readManifest(target);
        Map<String, String> copied = new TreeMap<>();
        for (Map.Entry<String, Carried> map : carried.entrySet()) {
            Path file = inside(target, map.getKey());
            byte[] content;
            try (InputStream in = map.getValue().open()) {
                content = in.readAllBytes();
            }
            place(file, map.getKey(), content, before, bundle);
            copied.put(map.getKey(), sha256(content));
        }
        if (before.isPresent()) {
            removeDropped(target, before.get(), copied.keySet(), bundle);
        } else {
            nameUnknown(target, copied.keySet(), bundle);
        }
        removeBesideDropped(target, copied.keySet(), bundle);
        StringBuilder text = new StringBuilder("# register maps carried by bundle " + bundle
                + ", copied here unless a copy was changed: SHA-256, path\n");
        copied.forEach((path, sha) -> text.append(sha).append(' ').append(path).append('\n'));
        // Written after the removals: a power cut between them leaves a dropped map listed, to be removed next time.
        AtomicFile.write(target.resolve(MANIFEST), text.toString().getBytes(StandardCharsets.UTF_8), false);
    }

    /**
     * Copies {@code content}, the bundle's map {@code map}, to {@code file}, unless the file there is to be kept
     * ({@link #whyKept}): then it is written beside it. Written whole or not at all ({@link AtomicFile}): a copy cut
     * short by a power cut would be taken for an edit at the next start, and kept.
     */
    private static void place(Path file, String map, byte[] content, Optional<Map<String, String>> before,
                              String bundle) throws IOException {
        Path beside = file.resolveSibling(file.getFileName() + SHIPPED);
        Optional<String> there = sha256Of(file);
        String sha = sha256(content);
        Optional<String> why = whyKept(there, sha, before, map, bundle);
        if (why.isEmpty()) {
            if (!there.equals(Optional.of(sha))) {
                AtomicFile.write(file, content, false);
            }
            if (Files.deleteIfExists(beside)) {
                LOG.info("register map copy {} is bundle {}'s map now: {} removed", file, bundle, beside);
            }
            return;
        }
        if (!sha256Of(beside).equals(Optional.of(sha))) {
            AtomicFile.write(beside, content, false);
        }
        LOG.warn("register map {} {}: kept, and the gateway uses it; bundle {}'s map is beside it, {}. A map of the"
                + " installer's own goes under a name of its own (docs/register-maps.md): give it one and name that in"
                + " the configuration, then remove {}, which the next start copies afresh", file, why.get(), bundle,
                beside, file);
    }

    /**
     * Why the file at {@code map}'s name ({@code there}: its SHA-256, empty when there is none) is kept: it is neither
     * the bundle's map ({@code carried}) nor the copy the manifest ({@code before}, empty when there is none) lists.
     * Empty when it is to be replaced.
     */
    private static Optional<String> whyKept(Optional<String> there, String carried, Optional<Map<String, String>> before,
                                            String map, String bundle) {
        if (there.isEmpty() || there.get().equals(carried)) {
            return Optional.empty();
        }
        if (before.isEmpty()) {
            return Optional.of("differs from bundle " + bundle + "'s, and no list of copied maps (" + MANIFEST
                    + ") tells an edit from an older bundle's copy");
        }
        String copied = before.get().get(map);
        if (copied == null) {
            return Optional.of("is not a copy a bundle made (an installer's own map, under the name of one bundle "
                    + bundle + " carries now)");
        }
        return copied.equals(there.get()) ? Optional.empty() : Optional.of("was changed since it was copied");
    }

    /** The SHA-256 of {@code file}'s content; empty when there is no such file. */
    private static Optional<String> sha256Of(Path file) throws IOException {
        try {
            return Optional.of(sha256(Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IOException("cannot read " + file + " to compare it with the bundle's map: " + e, e);
        }
    }

    private static void removeDropped(Path target, Map<String, String> before, Set<String> carried,
                                      String bundle) throws IOException {
        for (Map.Entry<String, String> old : before.entrySet()) {
            if (carried.contains(old.getKey())) {
                continue;
            }
            Path file = inside(target, old.getKey());
            byte[] content;
            try {
                content = Files.readAllBytes(file);
            } catch (NoSuchFileException gone) {
                continue; // removed by hand already
            }
            if (sha256(content).equals(old.getValue())) {
                Files.delete(file);
                LOG.info("register map {} is no longer carried by bundle {}: its copy {} removed", old.getKey(), bundle,
                        file);
            } else {
                LOG.warn("register map {} is no longer carried by bundle {}, but its copy {} was changed since it was"
                        + " copied: kept; remove it once no configuration names it", old.getKey(), bundle, file);
            }
        }
    }

    /**
     * Removes each map a bundle wrote beside a kept copy ({@value #SHIPPED}) whose map {@code bundle} does not carry:
     * it was there to be compared with the copy, and no bundle's map is to be now. The copy is kept ({@link
     * #removeDropped}: the configuration may name it). Found by their names, not the manifest, so one an upgrade left
     * before these were removed goes too.
     */
    private static void removeBesideDropped(Path target, Set<String> carried, String bundle) throws IOException {
        List<Path> beside;
        try (Stream<Path> files = Files.walk(target)) {
            beside = files.filter(p -> p.getFileName().toString().endsWith(".yaml" + SHIPPED) && Files.isRegularFile(p))
                    .sorted().toList();
        }
        for (Path file : beside) {
            String relative = target.relativize(file).toString();
            String map = relative.substring(0, relative.length() - SHIPPED.length());
            if (!carried.contains(map)) {
                Files.delete(file);
                LOG.info("register map {} is no longer carried by bundle {}: {}, an earlier bundle's map of it, removed",
                        map, bundle, file);
            }
        }
    }

    private static void nameUnknown(Path target, Set<String> carried, String bundle) throws IOException {
        List<String> others = new ArrayList<>();
        try (Stream<Path> files = Files.walk(target)) {
            files.filter(p -> p.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(p))
                    .map(p -> target.relativize(p).toString()).filter(p -> !carried.contains(p)).sorted()
                    .forEach(others::add);
        }
        if (!others.isEmpty()) {
            LOG.info("register maps in {} that bundle {} does not carry, kept: {} (an installer's, or copies an older"
                    + " bundle made: remove those by hand once no configuration names them)", target, bundle,
                    String.join(", ", others));
        }
    }

    /** The manifest's maps and their SHA-256; empty when there is none, or when it cannot be read (said). */
    private static Optional<Map<String, String>> readManifest(Path target) throws IOException {
        Path file = target.resolve(MANIFEST);
        List<String> lines;
        try {
            Optional<String> kept = TextFile.ifThere(file);
            if (kept.isEmpty()) {
                return Optional.empty();
            }
            lines = kept.get().lines().toList();
        } catch (TextFileException e) {
            // As a line not understood: the manifest is the bundle's own, and only a dropped map would be left in place.
            LOG.warn("{}; no copied map is removed this time; the manifest is written again", e.getMessage());
            return Optional.empty();
        }
        Map<String, String> maps = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] parts = line.split(" ", 2);
            if (parts.length != 2 || !parts[0].matches("[0-9a-f]{64}") || !isInside(target, parts[1])) {
                // Nothing is removed on a manifest not understood: it would only leave a dropped map in place.
                LOG.warn("{}:{}: not 'SHA-256 path' but '{}': no copied map is removed this time; the manifest is"
                        + " written again", file, i + 1, line);
                return Optional.empty();
            }
            maps.put(parts[1], parts[0]);
        }
        return Optional.of(maps);
    }

    private static Path inside(Path target, String relative) throws IOException {
        if (!isInside(target, relative)) {
            throw new IOException("register map " + relative + " points outside " + target);
        }
        return target.resolve(relative).normalize();
    }

    private static boolean isInside(Path target, String relative) {
        Path file = target.resolve(relative).normalize();
        return !relative.isBlank() && file.startsWith(target) && !file.equals(target);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256, which every Java platform has", e);
        }
    }
}
