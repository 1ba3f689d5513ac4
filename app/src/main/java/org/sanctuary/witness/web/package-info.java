/**
 * The witness's HTTP face: add-checkpoint and the checkpoints it has cosigned.
 */
package org.sanctuary.witness.web;
