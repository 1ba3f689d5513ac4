/** The witness over HTTP, on the JDK's own server. */
package org.sanctuary.witness.web;
