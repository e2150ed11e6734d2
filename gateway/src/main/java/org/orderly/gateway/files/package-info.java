/**
 * Files the gateway writes itself (not the store's SQLite file): each replaced whole, and on the disk when written; and
 * the directories that hold what must survive a power cut, each forced into its parent when made.
 */
package org.orderly.gateway.files;
