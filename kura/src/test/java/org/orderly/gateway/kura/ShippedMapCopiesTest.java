package org.orderly.gateway.kura;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The copies of the bundle's maps in its data area across upgrades (the IT upgrades a real bundle): what an upgrade no
 * longer carries is removed only when it is the copy a bundle made, unchanged.
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
        Map<String, ShippedMapCopies.Carried> maps = new TreeMap<>();
        for (String name : names) {
            maps.put(name, () -> new ByteArrayInputStream(("map " + name).getBytes(StandardCharsets.UTF_8)));
        }
        return maps;
    }
}
