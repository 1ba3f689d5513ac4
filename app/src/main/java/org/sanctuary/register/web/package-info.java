/**
 * The register's web side: the staff pages under {@code /staff/register}, the reports as pages and
 * downloads, and who may record through {@code POST /api/v1/decisions} ({@link
 * org.sanctuary.register.web.Recording}).
 */
package org.sanctuary.register.web;
