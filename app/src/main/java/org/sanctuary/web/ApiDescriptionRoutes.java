package org.sanctuary.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/v1/openapi.json}: the OpenAPI 3.1 description of the JSON API, for anyone. The
 * document is written by hand beside the code ({@value #RESOURCE}); a test holds it to the route
 * table, checks it is valid OpenAPI and checks its examples and real answers against its schemas.
 */
public final class ApiDescriptionRoutes implements Routes {
  public static final String PATH = "/api/v1/openapi.json";
  static final String RESOURCE = "api/openapi.json";

  private final byte[] document = load();

  @Override
  public void register(RoutesConfig routes) {
    routes.get(PATH, this::show);
  }

  void show(Context ctx) {
    ctx.header("Cache-Control", "public, max-age=300");
    ctx.contentType("application/json; charset=utf-8").result(document);
  }

  private static byte[] load() {
    try (InputStream in = ApiDescriptionRoutes.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the application");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
