/**
 * The PostgreSQL store: the pool, migrations, transactions, the embedded cluster in the data
 * folder and its lock.
 */
package org.sanctuary.store;
