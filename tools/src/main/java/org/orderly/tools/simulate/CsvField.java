package org.orderly.tools.simulate;

/** A text as one CSV field (RFC 4180), for every CSV file that simulate writes. */
final class CsvField {
    private CsvField() {
    }

    /** The text as it is, or quoted with its quotes doubled when it holds a comma, quote or line break. */
    static String of(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
