package org.orderly.gateway.field.dlt645;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arrays;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Properties, deterministic (QuickTheories' fixed seed): any frame survives encode then scan; noise before it
 * does not hide it; the scanner never throws on garbage and never accepts a frame with one byte flipped.
 */
class FramePropertiesTest {

    private static Gen<MeterAddress> addresses() {
        return longs().between(0, 999_999_999_999L).map(n -> new MeterAddress(String.format("%012d", n)));
    }

    private static Gen<byte[]> bytes(int max) {
        return arrays().ofIntegers(integers().between(0, 255)).withLengthBetween(0, max).map(a -> {
            byte[] b = new byte[a.length];
            for (int i = 0; i < a.length; i++) {
                b[i] = (byte) a[i].intValue();
            }
            return b;
        });
    }

    @Test
    void encodeThenScanGivesTheSameFrame() {
        qt().forAll(addresses(), integers().between(0, 255), bytes(200)).checkAssert((address, control, data) -> {
            Frame f = new Frame(address, control, data);
            byte[] wire = f.withPreamble();
            FrameScanner.Scan s = FrameScanner.scan(wire, wire.length);
            assertThat(s).isEqualTo(new FrameScanner.Scan.Found(f, wire.length));
        });
    }

    @Test
    void noiseWithoutA68BeforeTheFrameIsSkipped() {
        qt().forAll(addresses(), bytes(40), bytes(30)).checkAssert((address, noise, data) -> {
            byte[] clean = noise.clone();
            for (int i = 0; i < clean.length; i++) {
                if ((clean[i] & 0xFF) == Frame.START) {
                    clean[i] = (byte) 0xFE;
                }
            }
            Frame f = new Frame(address, 0x91, data);
            byte[] wire = concat(clean, f.bytes());
            assertThat(FrameScanner.scan(wire, wire.length)).isEqualTo(new FrameScanner.Scan.Found(f, wire.length));
        });
    }

    @Test
    void garbageNeverThrows() {
        qt().forAll(bytes(300)).checkAssert(junk -> assertThat(FrameScanner.scan(junk, junk.length)).isNotNull());
    }

    @Test
    void oneFlippedByteIsNeverAcceptedAsTheSameFrame() {
        qt().forAll(addresses(), bytes(20), integers().between(0, 10_000), integers().between(1, 255))
                .checkAssert((address, data, at, xor) -> {
                    Frame f = new Frame(address, 0x91, data);
                    byte[] wire = f.bytes();
                    int i = at % wire.length;
                    wire[i] ^= (byte) xor.intValue();
                    FrameScanner.Scan s = FrameScanner.scan(wire, wire.length);
                    if (s instanceof FrameScanner.Scan.Found found) {
                        assertThat(found.frame()).isNotEqualTo(f);
                    }
                });
    }

    @Test
    void valuesRoundTripThroughBcd() {
        qt().forAll(integers().between(0, DataId.values().length - 1), doubles().between(-1, 1)).checkAssert((i, u) -> {
            DataId di = DataId.values()[i];
            boolean v1997 = di.version() == Dlt645Version.V1997;
            double max = di.quantity().startsWith("energy") ? 999_999.99 : di.quantity().startsWith("voltage") ? (v1997 ? 999 : 999.9)
                    : di.quantity().startsWith("current") ? (v1997 ? 99.99 : 99.999) : di.quantity().startsWith("power") ? 9.9999 : 99.99;
            // DL/T 645-1997's values have no sign bit.
            boolean signed = !v1997 && (di.quantity().startsWith("current") || di.quantity().startsWith("power"));
            double value = signed ? u * max : Math.abs(u) * max;
            double step = Math.pow(10, -decimals(di));
            double rounded = Math.round(value / step) * step;
            assertThat(di.decode(di.encode(value), 0)).isCloseTo(rounded, org.assertj.core.data.Offset.offset(step / 10));
        });
    }

    /** The decimals of the standards' tables: 2007's, and 1997's whole volts and current to 0.01 A. */
    private static int decimals(DataId di) {
        String q = di.quantity();
        if (di.version() == Dlt645Version.V1997 && (q.startsWith("voltage") || q.startsWith("current"))) {
            return q.startsWith("voltage") ? 0 : 2;
        }
        return q.startsWith("energy") || q.startsWith("frequency") ? 2 : q.startsWith("voltage") ? 1 : q.startsWith("current") ? 3 : 4;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
