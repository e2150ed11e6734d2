package org.orderly.gateway.web;

import org.openqa.selenium.By;

/** The page's alarm list as a browser test finds an alarm in it: standing (raised), or cleared, by its kind. */
final class AlarmItems {
    private AlarmItems() {
    }

    /** The item of a standing alarm of this kind ({@code AlarmKind} name). */
    static By raised(String kind) {
        return By.cssSelector("#alarms li[data-kind='" + kind + "']:not(.cleared)");
    }

    /** The item of a cleared alarm of this kind. */
    static By cleared(String kind) {
        return By.cssSelector("#alarms li.cleared[data-kind='" + kind + "']");
    }
}
