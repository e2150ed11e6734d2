/**
 * The property manager's local page and its JSON API ({@code docs/web.md}): an adapter on Javalin. It reads what the
 * gateway publishes (the loop's last cycle, the drivers' statuses, the plan, the store) and queues changes for the
 * control thread; it never waits on that thread and decides nothing about charging. User-facing text lives in the
 * {@code messages_*.properties} bundles, the page's files under {@code static/}.
 */
package org.orderly.gateway.web;
