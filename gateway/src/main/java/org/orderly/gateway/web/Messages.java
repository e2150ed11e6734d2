package org.orderly.gateway.web;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.TreeMap;

/**
 * The page's text in Chinese (the default) and English, from the resource bundles
 * {@code org/orderly/gateway/web/messages_zh.properties} and {@code messages_en.properties} (UTF-8). The page asks
 * for a whole bundle once and translates in the browser; codes such as a pile's reason are keys here.
 */
final class Messages {
    static final String DEFAULT = "zh";
    private static final String BASE = "org.orderly.gateway.web.messages";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private Messages() {
    }

    /** Every message of {@code lang} ("zh" or "en"); empty for another language. */
    static Optional<Map<String, String>> bundle(String lang) {
        if (!lang.equals("zh") && !lang.equals("en")) {
            return Optional.empty();
        }
        ResourceBundle b = ResourceBundle.getBundle(BASE, Locale.forLanguageTag(lang), NO_FALLBACK);
        Map<String, String> out = new TreeMap<>();
        for (String key : b.keySet()) {
            out.put(key, b.getString(key));
        }
        return Optional.of(out);
    }
}
