package org.orderly.tools.aggregate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** How bucket rows are written: CSV with a header line, or one JSON object per line. */
public enum ExportFormat {
    CSV, JSONL;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CSV_HEADER = "start,end,instance,gateways,transformerUnknown,transformerKw,baseKw,evKw,"
            + "limitKw,shedKw,addKw,accepted,rejected,duplicates,openGaps,late,outboxSetAside,outboxTrimmed,outboxTimeUnknown"
            + ",storeMovedAside,outboxDropped,baseBoundKw,baseKindUnknownKw";

    /** The first line of an empty file, or null when the format has none. */
    public String header() {
        return this == CSV ? CSV_HEADER : null;
    }

    public String line(BucketRow r) {
        return switch (this) {
            case CSV -> String.join(",", r.start().toString(), r.end().toString(), csvText(r.instance()),
                    Integer.toString(r.gateways()), Integer.toString(r.transformerUnknown()), kw(r.transformerKw()),
                    kw(r.baseKw()), kw(r.evKw()), kw(r.limitKw()), kw(r.shedKw()), kw(r.addKw()),
                    Long.toString(r.accepted()), Long.toString(r.rejected()), Long.toString(r.duplicates()),
                    Long.toString(r.openGaps()), Long.toString(r.late()), Long.toString(r.skipped().setAside()),
                    Long.toString(r.skipped().trimmed()), Long.toString(r.skipped().timeUnknown()),
                    Long.toString(r.skipped().storeMovedAside()), Long.toString(r.skipped().outboxDropped()),
                    kw(r.baseBoundKw()), kw(r.baseKindUnknownKw()));
            case JSONL -> {
                ObjectNode o = JSON.createObjectNode();
                o.put("start", r.start().toString()).put("end", r.end().toString()).put("instance", r.instance())
                        .put("gateways", r.gateways()).put("transformerUnknown", r.transformerUnknown())
                        .put("transformerKw", round(r.transformerKw())).put("baseKw", round(r.baseKw()))
                        .put("evKw", round(r.evKw())).put("limitKw", round(r.limitKw()))
                        .put("shedKw", round(r.shedKw())).put("addKw", round(r.addKw()))
                        .put("accepted", r.accepted()).put("rejected", r.rejected())
                        .put("duplicates", r.duplicates()).put("openGaps", r.openGaps()).put("late", r.late())
                        .put("outboxSetAside", r.skipped().setAside()).put("outboxTrimmed", r.skipped().trimmed())
                        .put("outboxTimeUnknown", r.skipped().timeUnknown())
                        .put("storeMovedAside", r.skipped().storeMovedAside())
                        .put("outboxDropped", r.skipped().outboxDropped())
                        .put("baseBoundKw", round(r.baseBoundKw()))
                        .put("baseKindUnknownKw", round(r.baseKindUnknownKw()));
                yield o.toString();
            }
        };
    }

    private static String kw(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** Client ids may hold anything a user typed; quote per RFC 4180 when needed. */
    private static String csvText(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
