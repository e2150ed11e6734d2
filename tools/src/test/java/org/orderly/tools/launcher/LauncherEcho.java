package org.orderly.tools.launcher;

/** Stands in for orderly.jar in {@link LauncherTest}: says what the launcher ran it with. */
public final class LauncherEcho {
    private LauncherEcho() {
    }

    public static void main(String[] args) {
        System.out.println("home=" + System.getProperty("orderly.home"));
        System.out.println("args=" + String.join("|", args));
    }
}
