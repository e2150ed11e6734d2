package org.orderly.gateway.web;

/**
 * What the page's overload, line overload and grid cap alarms say in the browser tests' compounds: the figures, what the
 * gateway does about it and what, if anything, the manager is to do (until 2026-12-05 the figures only:
 * 电网限额生效中：30 kW，至 21:47, 变压器过载：负荷 46.0 kW，超过限值 40 kW).
 */
final class AlarmWords {
    /** A grid cap of 30 kW until the time given (%s). */
    static final String CAP_ZH = "电网限额生效中：30 kW，至 %s；网关正按此限额控制充电。限额由供电公司下达，无需处理，到时自动解除";
    static final String CAP_EN = "Grid company cap in force: 30 kW until %s; the gateway keeps charging within the"
            + " cap. The grid company asked for it: nothing to do; it ends by itself then";
    /** The transformer at 46 kW of its 40 kW. */
    static final String OVERLOAD_ZH = "变压器过载：负荷 46.0 kW，超过限值 40 kW；网关正在自动压减充电功率，使负荷回到限值以内。"
            + "偶尔出现无需处理；如反复出现，说明住户自身用电已接近变压器容量，请告知供电公司或物业电工";
    static final String OVERLOAD_EN = "Transformer overloaded: 46.0 kW, over its limit of 40 kW; the gateway is"
            + " cutting charging to bring the load back under the limit. Nothing to do while this is rare; if it recurs,"
            + " the households' own load is near the transformer's capacity: tell the grid company or the property's"
            + " electrician";
    /** Line A at 45 A of its 40 A. */
    static final String LINE_ZH = "A 相线路过载：电流 45.0 A，超过每相限值 40 A；网关正在自动压减该相的充电电流，使其回到限值以内。"
            + "偶尔出现无需处理；如反复出现，说明该相住户自身用电已接近线路容量，请告知供电公司或物业电工";
    static final String LINE_EN = "Line A overloaded: 45.0 A, over the per phase limit of 40 A; the gateway is"
            + " cutting charging on this line to bring it back under the limit. Nothing to do while this is rare; if it"
            + " recurs, the households' own load on this line is near its capacity: tell the grid company or the"
            + " property's electrician";

    private AlarmWords() {
    }
}
