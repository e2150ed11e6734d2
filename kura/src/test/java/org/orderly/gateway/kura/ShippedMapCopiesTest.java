package org.orderly.gateway.kura;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.orderly.testkit.BadTextFile;
import org.orderly.testkit.powercut.PowerCutFileSystem;

/**
 * The copies of the bundle's maps in its data area across upgrades (the IT upgrades a real bundle): what an upgrade no
 * longer carries is removed only when it is the copy a bundle made, unchanged; and only such a copy is overwritten.
 */
class ShippedMapCopiesTest {
    @TempDir
    Path dir;

    @Test
    void aMapNoLongerCarriedIsRemovedAndAnInstallersOwnKept() throws Exception {
        ShippedMapCopies.update(dir, maps("a.yaml", "piles/b.yaml"), "v1");
        Files.writeString(dir.resolve("mine.yaml"), "installer's");
        Files.writeString(dir.resolve("piles/mine.yaml"), "installer's");

        ShippedMapCopies.update(dir, maps("a.yaml"), "v2");

        assertThat(dir.resolve("piles/b.yaml")).doesNotExist();
        assertThat(dir.resolve("a.yaml")).hasContent("map a.yaml");
        assertThat(dir.resolve("mine.yaml")).exists();
        assertThat(dir.resolve("piles/mine.yaml")).exists();
        assertThat(dir.resolve(ShippedMapCopies.MANIFEST)).content().contains(" a.yaml").doesNotContain("b.yaml");
    }

    @Test
    void aCopyChangedSinceItWasCopiedIsKept() throws Exception {
        ShippedMapCopies.update(dir, maps("a.yaml", "b.yaml"), "v1");
        Files.writeString(dir.resolve("b.yaml"), "edited by the installer");

        ShippedMapCopies.update(dir, maps("a.yaml"), "v2");

        assertThat(dir.resolve("b.yaml")).hasContent("edited by the installer");
    }

    /**
     * An installer who corrects a shipped map's copy (a meter whose scale differs) means the gateway to read the meter
     * with it: the restart, or the upgrade, keeps the copy and writes the bundle's map beside it, saying so once.
     */
    @Test
    void anEditedCopyIsKeptAndTheCarriedMapWrittenBesideIt() throws Exception {
        ShippedMapCopies.update(dir, maps("a.yaml", "piles/b.yaml"), "v1");
        Files.writeString(dir.resolve("piles/b.yaml"), "scale corrected by the installer");

        List<String> warnings;
        try (LogTap log = LogTap.start()) {
            int mark = log.mark();
            ShippedMapCopies.update(dir, maps("a.yaml", "piles/b.yaml"), "v1");
            warnings = log.since(mark).stream().filter(l -> l.contains("WARN")).toList();
        }

        assertThat(dir.resolve("piles/b.yaml")).hasContent("scale corrected by the installer");
        assertThat(dir.resolve("piles/b.yaml.shipped")).hasContent("map piles/b.yaml");
        assertThat(dir.resolve("a.yaml")).hasContent("map a.yaml");
        assertThat(dir.resolve("a.yaml.shipped")).doesNotExist();
        assertThat(warnings).singleElement().satisfies(l -> assertThat(l).contains(
                dir.resolve("piles/b.yaml").toString(), dir.resolve("piles/b.yaml.shipped").toString(),
                "a name of its own"));
    }

    /** Kept while it is edited; once its installer removes it (his map under a name of its own), copied again. */
    @Test
    void anEditedCopyIsKeptAcrossUpgradesUntilItsInstallerRemovesIt() throws Exception {
        ShippedMapCopies.update(dir, maps("a.yaml"), "v1");
        Files.writeString(dir.resolve("a.yaml"), "scale corrected by the installer");

        ShippedMapCopies.update(dir, maps("a.yaml"), "v1");
        ShippedMapCopies.update(dir, mapsOf(Map.of("a.yaml", "map a.yaml, corrected in v2")), "v2");

        assertThat(dir.resolve("a.yaml")).hasContent("scale corrected by the installer");
        assertThat(dir.resolve("a.yaml.shipped")).hasContent("map a.yaml, corrected in v2");

        Files.delete(dir.resolve("a.yaml"));
        ShippedMapCopies.update(dir, mapsOf(Map.of("a.yaml", "map a.yaml, corrected in v2")), "v2");
        ShippedMapCopies.update(dir, mapsOf(Map.of("a.yaml", "map a.yaml, corrected in v3")), "v3");

        assertThat(dir.resolve("a.yaml")).hasContent("map a.yaml, corrected in v3");
        assertThat(dir.resolve("a.yaml.shipped")).doesNotExist();
    }

    /**
     * The bundle's map beside an edited copy is there to be compared with the edit: once no bundle carries the map, there
     * is nothing to compare, and it goes, said in an INFO line; the edit stays, as the configuration may name it.
     */
    @Test
    void theMapBesideAnEditIsRemovedOnceTheBundleNoLongerCarriesIt() throws Exception {
        ShippedMapCopies.update(dir, maps("a.yaml", "piles/b.yaml"), "v1");
        Files.writeString(dir.resolve("piles/b.yaml"), "scale corrected by the installer");
        ShippedMapCopies.update(dir, maps("a.yaml", "piles/b.yaml"), "v1");

        List<String> infos;
        try (LogTap log = LogTap.start()) {
            int mark = log.mark();
            ShippedMapCopies.update(dir, maps("a.yaml"), "v2");
            infos = log.since(mark).stream().filter(l -> l.contains("INFO")).toList();
        }

        assertThat(dir.resolve("piles/b.yaml")).hasContent("scale corrected by the installer");
        assertThat(dir.resolve("piles/b.yaml.shipped")).doesNotExist();
        assertThat(infos).singleElement().asString().endsWith("register map piles/b.yaml is no longer carried by bundle"
                + " v2: " + dir.resolve("piles/b.yaml.shipped") + ", an earlier bundle's map of it, removed");
    }

    /** One an upgrade left before this was so (the manifest no longer naming its map) goes at the next start. */
    @Test
    void aMapBesideAnEditLeftByAnEarlierUpgradeIsRemoved() throws Exception {
        ShippedMapCopies.update(dir, maps("a.yaml"), "v2");
        Files.writeString(dir.resolve("b.yaml"), "scale corrected by the installer");
        Files.writeString(dir.resolve("b.yaml.shipped"), "map b.yaml");

        ShippedMapCopies.update(dir, maps("a.yaml"), "v3");

        assertThat(dir.resolve("b.yaml")).hasContent("scale corrected by the installer");
        assertThat(dir.resolve("b.yaml.shipped")).doesNotExist();
    }

    /**
     * A bundle that carries the map as the installer edited it (his correction taken into it): the copy is the bundle's
     * map, the one beside it goes, and the next bundle's map replaces the copy as any unchanged copy.
     */
    @Test
    void anEditTheBundleNowCarriesIsItsCopyAgain() throws Exception {
        ShippedMapCopies.update(dir, maps("a.yaml"), "v1");
        Files.writeString(dir.resolve("a.yaml"), "scale corrected");
        ShippedMapCopies.update(dir, maps("a.yaml"), "v1");
        assertThat(dir.resolve("a.yaml.shipped")).hasContent("map a.yaml");

        ShippedMapCopies.update(dir, mapsOf(Map.of("a.yaml", "scale corrected")), "v2");

        assertThat(dir.resolve("a.yaml")).hasContent("scale corrected");
        assertThat(dir.resolve("a.yaml.shipped")).doesNotExist();

        ShippedMapCopies.update(dir, mapsOf(Map.of("a.yaml", "scale corrected, and a register added in v3")), "v3");

        assertThat(dir.resolve("a.yaml")).hasContent("scale corrected, and a register added in v3");
        assertThat(dir.resolve("a.yaml.shipped")).doesNotExist();
    }

    @Test
    void anInstallersOwnMapUnderANameTheBundleNowCarriesIsKept() throws Exception {
        ShippedMapCopies.update(dir, maps("a.yaml"), "v1");
        Files.writeString(dir.resolve("site.yaml"), "installer's");

        ShippedMapCopies.update(dir, maps("a.yaml", "site.yaml"), "v2");

        assertThat(dir.resolve("site.yaml")).hasContent("installer's");
        assertThat(dir.resolve("site.yaml.shipped")).hasContent("map site.yaml");
    }

    /** A copy that differs may be an older bundle's or an edit: kept, as an edit is. */
    @Test
    void withoutAManifestACopyThatDiffersIsKept() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "an older bundle's map a.yaml, or an edit of it");
        Files.writeString(dir.resolve("b.yaml"), "map b.yaml");

        ShippedMapCopies.update(dir, maps("a.yaml", "b.yaml"), "v2");

        assertThat(dir.resolve("a.yaml")).hasContent("an older bundle's map a.yaml, or an edit of it");
        assertThat(dir.resolve("a.yaml.shipped")).hasContent("map a.yaml");
        assertThat(dir.resolve("b.yaml.shipped")).doesNotExist();
    }

    /**
     * Now that an edited copy is kept, a copy the power cut short must not look edited: it is written whole or not at
     * all, or the gateway would read its meters with half a map, kept at every start.
     */
    @Test
    void aCopyCutShortByAPowerCutIsNotTakenForAnEdit() throws Exception {
        for (PowerCutFileSystem.Cut cut : PowerCutFileSystem.Cut.values()) {
            Path real = Files.createDirectories(dir.resolve(cut.name()));
            PowerCutFileSystem disk = PowerCutFileSystem.over(real);

            ShippedMapCopies.update(disk.path("devices"), maps("a.yaml"), "v1");
            disk.cut(cut);
            ShippedMapCopies.update(real.resolve("devices"), maps("a.yaml"), "v1");

            assertThat(real.resolve("devices/a.yaml")).as(cut.name()).hasContent("map a.yaml");
            assertThat(real.resolve("devices/a.yaml.shipped")).as(cut.name()).doesNotExist();
        }
    }

    /** Maps copied by a bundle from before the manifest: which of them were an installer's cannot be told. */
    @Test
    void withoutAManifestNothingIsRemoved() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "map a.yaml");
        Files.writeString(dir.resolve("old.yaml"), "an older bundle's, or an installer's");

        ShippedMapCopies.update(dir, maps("a.yaml"), "v2");
        ShippedMapCopies.update(dir, maps("a.yaml"), "v3");

        assertThat(dir.resolve("old.yaml")).exists();
    }

    @Test
    void aManifestNotUnderstoodRemovesNothingAndIsWrittenAgain() throws Exception {
        ShippedMapCopies.update(dir, maps("a.yaml", "b.yaml"), "v1");
        Path manifest = dir.resolve(ShippedMapCopies.MANIFEST);
        Files.writeString(manifest, Files.readString(manifest) + "not a line of it\n");

        ShippedMapCopies.update(dir, maps("a.yaml"), "v2");

        assertThat(dir.resolve("b.yaml")).exists();
        assertThat(manifest).content().doesNotContain("not a line of it");
    }

    /**
     * A manifest that is not text (Latin-1, a zero byte, a link that loops) is one not understood: nothing is removed,
     * and it is written again. Until 2026-12-05 a Latin-1 one or a loop stopped the copying, "Input length = 1".
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = BadTextFile.class, names = {"LATIN1", "BINARY", "LOOP"})
    void aManifestThatIsNotTextRemovesNothingAndIsWrittenAgain(BadTextFile bad) throws Exception {
        ShippedMapCopies.update(dir, maps("a.yaml", "b.yaml"), "v1");
        Path manifest = bad.replace(dir.resolve(ShippedMapCopies.MANIFEST));

        ShippedMapCopies.update(dir, maps("a.yaml"), "v2");

        assertThat(dir.resolve("b.yaml")).exists();
        assertThat(manifest).isRegularFile().content().contains(" a.yaml").doesNotContain("b.yaml");
    }

    @Test
    void aManifestNamingAFileOutsideTheDirectoryRemovesNothing() throws Exception {
        Path outside = Files.writeString(dir.resolve("outside.yaml"), "map x.yaml");
        Path maps = dir.resolve("devices");
        ShippedMapCopies.update(maps, maps("x.yaml"), "v1");
        Path manifest = maps.resolve(ShippedMapCopies.MANIFEST);
        Files.writeString(manifest, Files.readString(manifest).replace(" x.yaml", " ../outside.yaml"));

        ShippedMapCopies.update(maps, maps("a.yaml"), "v2");

        assertThat(outside).exists();
    }

    /** Carried maps whose content is {@code map NAME}. */
    private static Map<String, ShippedMapCopies.Carried> maps(String... names) {
        Map<String, String> contents = new TreeMap<>();
        for (String name : names) {
            contents.put(name, "map " + name);
        }
        return mapsOf(contents);
    }

    /** Carried maps, by name, with their content. */
    private static Map<String, ShippedMapCopies.Carried> mapsOf(Map<String, String> contents) {
        Map<String, ShippedMapCopies.Carried> maps = new TreeMap<>();
        contents.forEach((name, content) ->
                maps.put(name, () -> new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8))));
        return maps;
    }
}
