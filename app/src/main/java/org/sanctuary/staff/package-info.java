/**
 * Staff accounts: Argon2id passwords, TOTP second factors, roles, lockout and throttling.
 */
package org.sanctuary.staff;
