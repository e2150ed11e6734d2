/** What the page shows, as values (records) built from the gateway's state: the live overview, the chart, today. */
package org.orderly.gateway.web.view;
