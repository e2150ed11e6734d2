package org.orderly.gateway.app.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A host name as typed in a browser's address bar, in one form for comparing: lower case, without the trailing dot
 * that makes it absolute ({@code Orderly.LAN.} is {@code orderly.lan}). Never looked up.
 */
public final class HostName {
    private static final String LABEL = "[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?";
    private static final Pattern NAME = Pattern.compile(LABEL + "(\\." + LABEL + ")*\\.?");
    private static final int MAX = 253;

    private HostName() {
    }

    /** The name in its one form, or null when {@code text} is not a host name. */
    public static String normalized(String text) {
        if (text == null || text.length() > MAX + 1 || !NAME.matcher(text).matches()) {
            return null;
        }
        String name = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        return name.length() > MAX ? null : name.toLowerCase(Locale.ROOT);
    }
}
