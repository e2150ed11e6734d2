package org.orderly.gateway.core.policy;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/** Holds the solving work until the test runs it: a planning thread that is slow. */
public final class HeldPlanningThread implements Executor {
    public final Queue<Runnable> held = new ArrayDeque<>();

    @Override
    public void execute(Runnable r) {
        held.add(r);
    }

    public void runAll() {
        while (!held.isEmpty()) {
            held.poll().run();
        }
    }
}
