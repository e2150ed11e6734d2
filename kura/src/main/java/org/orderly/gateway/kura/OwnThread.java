package org.orderly.gateway.kura;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a piece of the component's work (a gateway's start or stop) on a thread of its own that ends with it, the
 * calling thread waiting. The caller is the framework's (the thread calling {@code Bundle.update} or {@code start},
 * Deployment Admin's in Kura; ConfigAdmin's, SCR's), and lives on after the bundle is gone: what an embedded library
 * keeps per thread while the gateway starts or stops would keep the bundle's class loader from it, one old revision
 * more at each upgrade. Jackson does so: {@code BufferRecyclers} keeps each thread's {@code BufferRecycler}, a class of
 * the bundle, in a {@code ThreadLocal} (a soft reference, let go only when the heap runs short), and jackson-core has
 * no call that takes it from a thread other than its own (jackson-core issue 400). On a thread that ends it goes with
 * the thread.
 */
final class OwnThread {
    private OwnThread() {
    }

    /**
     * Runs {@code work} on a new thread named {@code name} and returns when it has ended, throwing what it threw. An
     * interrupt of the caller is passed on to it; the caller still waits for it to end, so nothing the work started is
     * left half done behind the caller's back, and is interrupted again when it returns.
     */
    static void run(String name, Runnable work) {
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } catch (RuntimeException | Error e) {
                failed.set(e);
            }
        }, name);
        thread.start();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
                thread.interrupt();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable e = failed.get();
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error err) {
            throw err;
        }
    }
}
