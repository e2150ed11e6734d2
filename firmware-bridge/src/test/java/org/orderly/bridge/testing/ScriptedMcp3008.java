package org.orderly.bridge.testing;

import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiConfig;
import com.pi4j.io.spi.SpiProvider;
import com.pi4j.plugin.mock.provider.spi.MockSpi;
import com.pi4j.plugin.mock.provider.spi.MockSpiProviderImpl;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import org.orderly.bridge.lease.ElapsedTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pi4J's SPI on a PC, answering as an MCP3008 whose input {@link #channel} sees the control pilot through the
 * {@link ReferenceCircuit}: each three-byte transfer is one single-ended conversion of {@link #line(PilotLine) the
 * line} at the converter's clock. Pi4J's own {@code MockSpi} cannot stand in: it answers a transfer with the bytes
 * written to it before (its own earlier commands included), whatever the channel or the moment.
 *
 * <p>{@link #virtualTime} advances its clock by a fixed time per conversion, for tests that step the sensing by hand
 * and measure the burst by {@link #time()}; {@link #realTime} converts at {@link System#nanoTime()}. A converter input
 * other than {@link #channel} reads 0 (grounded); a {@link #breakBus() broken bus} throws Pi4J's {@code IOException}
 * from the transfer; {@link #unplugChip()} answers all ones, as a floating MISO does; a {@link #hold() held} one waits.
 */
public final class ScriptedMcp3008 extends MockSpiProviderImpl {
    private static final Logger LOG = LoggerFactory.getLogger(ScriptedMcp3008.class);
    /** After this many failed conversions the converter says so once in the log, for a test to wait on. */
    public static final int FAILURES_TO_TELL = 50;

    private final int channel;
    private final long stepNanos;
    private final AtomicLong virtualNanos = new AtomicLong();
    private final AtomicLong conversions = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    /** Conversions still to come before the converting thread is preempted; below 0: none is. */
    private final AtomicLong conversionsBeforePreemption = new AtomicLong(-1);
    private volatile long preemptionNanos;
    private volatile PilotLine line = PilotLine.steady(12.0);
    private volatile boolean broken;
    private volatile boolean chipMissing;
    /** Guarded by itself: while true a conversion waits ({@link #hold}). */
    private final boolean[] held = {false};

    private ScriptedMcp3008(int channel, long stepNanos) {
        this.channel = channel;
        this.stepNanos = stepNanos;
    }

    /** A converter on {@code channel} whose clock advances {@code perConversion} with each conversion. */
    public static ScriptedMcp3008 virtualTime(int channel, Duration perConversion) {
        return new ScriptedMcp3008(channel, perConversion.toNanos());
    }

    /** A converter on {@code channel} that converts at {@link System#nanoTime()}. */
    public static ScriptedMcp3008 realTime(int channel) {
        return new ScriptedMcp3008(channel, 0);
    }

    /** The converter's clock: what a burst's span is to be measured by. */
    public ElapsedTime time() {
        return stepNanos == 0 ? ElapsedTime.SYSTEM : virtualNanos::get;
    }

    /**
     * Moves the virtual clock on to the next moment {@code phaseNanos} into a pilot period, so that the next burst
     * starts there (in the PWM's negative part, say).
     */
    public ScriptedMcp3008 alignTo(long phaseNanos) {
        virtualNanos.updateAndGet(now -> now + Math.floorMod(phaseNanos - now, PilotLine.PERIOD_NANOS));
        return this;
    }

    /**
     * The converting thread is preempted once, for {@code pause} on the virtual clock, right after the next
     * {@code conversions} conversions: as a loaded board's scheduler does to a burst.
     */
    public ScriptedMcp3008 preemptAfter(int conversions, Duration pause) {
        preemptionNanos = pause.toNanos();
        conversionsBeforePreemption.set(conversions);
        return this;
    }

    public ScriptedMcp3008 line(PilotLine next) {
        line = next;
        return this;
    }

    public void breakBus() {
        broken = true;
    }

    public void mendBus() {
        broken = false;
    }

    /**
     * Conversions wait until {@link #release}: a burst that has not read the pilot yet, for as long as a test needs to
     * do something before the first state is taken. The first conversion that waits says so in the log.
     */
    public void hold() {
        synchronized (held) {
            held[0] = true;
        }
    }

    public void release() {
        synchronized (held) {
            held[0] = false;
            held.notifyAll();
        }
    }

    private void waitWhileHeld() {
        synchronized (held) {
            if (held[0]) {
                LOG.info("board: pilot ADC holding a conversion");
            }
            while (held[0]) {
                try {
                    held.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    public void unplugChip() {
        chipMissing = true;
    }

    /** Conversions answered or failed so far. */
    public long conversions() {
        return conversions.get();
    }

    @Override
    public Spi create(SpiConfig config) {
        Spi spi = new Converter(this, config);
        context.registry().add(spi);
        return spi;
    }

    private int convert(int input) {
        long now = stepNanos == 0 ? System.nanoTime() : virtualNanos.getAndAdd(stepNanos);
        int code = input == channel ? ReferenceCircuit.code(line.volts(now)) : 0;
        if (conversionsBeforePreemption.get() >= 0 && conversionsBeforePreemption.decrementAndGet() == 0) {
            virtualNanos.addAndGet(preemptionNanos);
        }
        return code;
    }

    private final class Converter extends MockSpi {
        Converter(SpiProvider provider, SpiConfig config) {
            super(provider, config);
        }

        @Override
        public int transfer(byte[] write, int writeOffset, byte[] read, int readOffset, int length) {
            waitWhileHeld();
            conversions.incrementAndGet();
            if (broken) {
                if (failures.incrementAndGet() == FAILURES_TO_TELL) {
                    LOG.info("board: pilot ADC has failed {} conversions", FAILURES_TO_TELL);
                }
                throw new com.pi4j.io.exception.IOException("scripted SPI failure on " + id());
            }
            if (length != 3 || write[writeOffset] != 0x01 || (write[writeOffset + 1] & 0x8F) != 0x80) {
                throw new IllegalStateException("not an MCP3008 single-ended conversion: "
                        + HexFormat.of().formatHex(write, writeOffset, writeOffset + length));
            }
            if (chipMissing) {
                read[readOffset] = read[readOffset + 1] = read[readOffset + 2] = (byte) 0xFF;
                return length;
            }
            int code = convert((write[writeOffset + 1] >> 4) & 0x07);
            read[readOffset] = (byte) 0xFF; // clocked out while the command goes in: not driven
            read[readOffset + 1] = (byte) (0xF8 | (code >> 8)); // high bits undriven, null bit 0, B9 B8
            read[readOffset + 2] = (byte) code;
            return length;
        }
    }
}
