package org.orderly.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.config.ConfigLoader;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.app.config.PileConfig;
import org.orderly.gateway.app.config.PileDriver;
import org.orderly.testkit.powercut.PowerCutFileSystem;

/** The generated demo compound passes the gateway's own configuration loader and has demo.yaml's shape. */
class DemoCompoundTest {
    @TempDir
    Path dir;

    @Test
    void twentyFourPilesHaveTheShapeOfDemoYaml() throws Exception {
        GatewayConfig c = ConfigLoader.load(DemoCompound.of(24).write(dir), DemoTest.find("config/devices"));
        assertThat(c.transformer().limitKw()).isEqualTo(250);
        assertThat(c.transformer().phaseLimitA()).as("each line's limit, as demo.yaml's").isEqualTo(350);
        assertThat(c.circuits()).hasSize(2);
        assertThat(c.piles()).hasSize(24);
        assertThat(ports(c)).startsWith(5701).endsWith(5724);
        assertThat(c.web().bind()).isEqualTo("127.0.0.1");
        assertThat(c.web().port()).as("the local page of the demo").isEqualTo(8080);
    }

    @Test
    void theConfigurationWrittenIntoANewDataDirectorySurvivesAPowerCutWhole() throws Exception {
        DemoCompound demo = DemoCompound.of(2);
        for (PowerCutFileSystem.Cut cut : PowerCutFileSystem.Cut.values()) {
            Path real = Files.createDirectories(dir.resolve(cut.name()));
            PowerCutFileSystem disk = PowerCutFileSystem.over(real);
            demo.write(disk.path("orderly-data"));

            disk.cut(cut);

            assertThat(real.resolve("orderly-data/demo-2.yaml")).as(cut.name()).hasContent(demo.yaml());
        }
    }

    @Test
    void threeHundredPilesScaleTheLimitsAndSpreadThePhases() throws Exception {
        DemoCompound demo = new DemoCompound(300, 15000, 15001);
        GatewayConfig c = ConfigLoader.load(demo.write(dir), DemoTest.find("config/devices"));
        assertThat(c.transformer().limitKw()).isEqualTo(3125);
        assertThat(c.transformer().phaseLimitA()).isEqualTo(4375);
        assertThat(c.circuits()).hasSize(25);
        assertThat(c.piles()).hasSize(300);
        assertThat(ports(c)).startsWith(15001).endsWith(15300).doesNotHaveDuplicates();
        assertThat(c.piles().stream().map(p -> p.pile().phase().toString()).distinct()).hasSize(3);
        assertThat(c.piles().get(0).pile().id()).isEqualTo("p001");
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void everySmallCompoundPassesTheLoaderWithItsSafePowerWithinTheTransformer() throws Exception {
        for (int piles = 1; piles <= 30; piles++) {
            DemoCompound demo = DemoCompound.of(piles);
            GatewayConfig c = ConfigLoader.load(demo.write(dir), DemoTest.find("config/devices"));
            assertThat(c.control().safeEvKw()).as("%d piles", piles)
                    .isPositive().isLessThanOrEqualTo(c.transformer().limitKw());
            assertThat(c.warnings()).as("%d piles: their safe currents fit every circuit and the transformer", piles).isEmpty();
        }
        assertThat(ConfigLoader.load(DemoCompound.of(24).write(dir), DemoTest.find("config/devices")).control().safeEvKw())
                .as("demo.yaml's").isEqualTo(40);
    }

    @Test
    void portsBeyond65535AreRefusedWithTheLimit() {
        assertThatThrownBy(() -> new DemoCompound(300, 5020, 65_300))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("need ports up to 65599");
        assertThatThrownBy(() -> new DemoCompound(24, 5710, 5701))
                .hasMessageContaining("falls in the piles' ports 5701..5724");
    }

    /** --piles outside 1..960 is one line with the range; 960 is a compound the loader takes, 961 one it would not. */
    @Test
    void pilesOutsideTheRangeAreRefusedWithTheRange(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> DemoCompound.of(0)).hasMessage("--piles must be within 1..960, was 0");
        assertThatThrownBy(() -> DemoCompound.of(961)).hasMessage("--piles must be within 1..960, was 961");
        assertThat(ConfigLoader.load(DemoCompound.of(DemoCompound.MAX_PILES).write(dir), DemoTest.find("config/devices"))
                .piles()).hasSize(960);
        assertThat(Math.ceil(DemoCompound.TRANSFORMER_KW_PER_PILE * (DemoCompound.MAX_PILES + 1)))
                .as("961 piles' transformer, beyond the loader's 10,000 kW").isGreaterThan(10_000);
    }

    private static int[] ports(GatewayConfig c) {
        return c.piles().stream().map(PileConfig::driver).mapToInt(d -> ((PileDriver.Coap) d).port()).toArray();
    }
}
