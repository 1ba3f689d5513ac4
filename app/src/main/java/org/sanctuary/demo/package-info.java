/**
 * Synthetic demonstration data written through the real services and ledger, every record marked
 * synthetic ({@code sanctuary demo-data}).
 */
package org.sanctuary.demo;
