/** The alarms the page raises from the gateway's state, with their times, acknowledgements and stored events. */
package org.orderly.gateway.web.alarm;
