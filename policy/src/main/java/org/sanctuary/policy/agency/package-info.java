/**
 * The registry of requesting agencies and their parent chain; 'under DHS' is a question about this
 * tree.
 */
package org.sanctuary.policy.agency;
