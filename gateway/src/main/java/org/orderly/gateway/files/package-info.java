/** Files the gateway writes itself (not the store's SQLite file): each replaced whole, and on the disk when written. */
package org.orderly.gateway.files;
