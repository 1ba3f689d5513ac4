/** The metrics' route and the filters that count every answer. */
package org.sanctuary.metrics.web;
