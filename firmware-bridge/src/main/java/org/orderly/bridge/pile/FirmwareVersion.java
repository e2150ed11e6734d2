package org.orderly.bridge.pile;

/** The version a bridge of this build reports on /info: the one source for a real bridge and for the demo's. */
public final class FirmwareVersion {
    /** Without a manifest's version: classes run from a build folder, or the jars this build makes. */
    public static final String DEV = "dev";

    private FirmwareVersion() {
    }

    /** The bridge jar's manifest {@code Implementation-Version}, or {@link #DEV} when it has none. */
    public static String ofThisBuild() {
        String version = FirmwareVersion.class.getPackage().getImplementationVersion();
        return version == null ? DEV : version;
    }
}
