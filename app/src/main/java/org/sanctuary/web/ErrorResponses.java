package org.sanctuary.web;

import org.sanctuary.errors.Conflict;
import org.sanctuary.errors.Unavailable;
import org.sanctuary.errors.RateLimited;
import org.sanctuary.errors.SignInRequired;
import org.sanctuary.errors.CredentialRejected;
import org.sanctuary.errors.NotFound;
import org.sanctuary.errors.NotPermitted;
import org.sanctuary.errors.Refused;
import org.sanctuary.errors.InvalidInput;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.sanctuary.ledger.store.LedgerUnavailableException;
import org.sanctuary.store.StoreException;
import org.sanctuary.policy.InputException;
import io.javalin.http.HttpStatus;
import io.javalin.validation.ValidationError;
import io.javalin.validation.ValidationException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become HTTP answers. Its log lines name the route's template, not
 * the path asked, which may hold a receipt code. Every error is JSON {@code {"error": ...,
 * "field": ...}} (field when one is to blame); a browser asking for a page gets the same message in
 * an HTML page. A 5xx is a bug: its stack trace goes to the server log and never to the caller.
 */
final class ErrorResponses {
  private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);
  static final String INTERNAL_ERROR = "internal error";
  private static final String INTERNAL_ERROR_JSON = "{\"error\":\"" + INTERNAL_ERROR + "\"}";

  private ErrorResponses() {}

  static void register(RoutesConfig routes) {
    routes.exception(InvalidInput.class, (e, ctx) -> send(ctx, 400, e.getMessage(), e.field()));
    routes.exception(InputException.class, (e, ctx) -> send(ctx, 400, e.getMessage(), e.field()));
    routes.exception(LedgerUnavailableException.class, (e, ctx) -> {
      logUnavailable("ledger unavailable", e, ctx);
      ctx.header("Retry-After", Integer.toString(OUTAGE_RETRY_SECONDS));
      send(ctx, 503, "the ledger could not record this; nothing was done (try again)", null);
    });
    routes.exception(NotFound.class, (e, ctx) -> send(ctx, 404, e.getMessage(), null));
    routes.exception(CredentialRejected.class, (e, ctx) -> {
      ctx.header("WWW-Authenticate", "Bearer");
      send(ctx, 401, e.getMessage(), "Authorization");
    });
    routes.exception(Refused.class, (e, ctx) -> {
      Map<String, String> body = new LinkedHashMap<>();
      body.put("error", e.getMessage());
      body.put("reason", e.reason());
      body.put("citation", e.citation());
      ctx.status(403).json(body);
    });
    routes.exception(RateLimited.class, (e, ctx) -> {
      ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
      send(ctx, 429, e.getMessage(), null);
    });
    routes.exception(Unavailable.class, (e, ctx) -> {
      logUnavailable("unavailable: " + e.getMessage(), e.getCause(), ctx);
      ctx.header("Retry-After", Integer.toString(OUTAGE_RETRY_SECONDS));
      send(ctx, 503, e.getMessage(), null);
    });
    routes.exception(NotPermitted.class, (e, ctx) -> send(ctx, 403, e.getMessage(), e.field()));
    routes.exception(Conflict.class, (e, ctx) -> send(ctx, 409, e.getMessage(), e.field()));
    routes.exception(SignInRequired.class, ErrorResponses::unauthenticated);
    routes.exception(
        JsonProcessingException.class,
        (e, ctx) -> {
          InvalidInput bad = fromJson(e);
          send(ctx, 400, bad.getMessage(), bad.field());
        });
    routes.exception(
        ValidationException.class,
        (e, ctx) -> {
          InvalidInput bad = fromValidation(e);
          send(ctx, 400, bad.getMessage(), bad.field());
        });
    routes.exception(HttpResponseException.class, ErrorResponses::fromJavalin);
    routes.exception(
        Exception.class,
        (e, ctx) -> {
          if (StoreException.isOutage(e)) {
            databaseUnavailable(e, ctx);
            return;
          }
          log.error("{} failed", MatchedRoute.describe(ctx), e);
          send(ctx, 500, INTERNAL_ERROR, null);
        });
  }

  /** Seconds a caller is asked to wait during a database outage. */
  static final int OUTAGE_RETRY_SECONDS = 5;

  // An outage is not a bug: one log line without a stack trace, and a 503 the caller can act on.
  private static void databaseUnavailable(Exception e, Context ctx) {
    log.warn("{}: database unavailable: {}", MatchedRoute.describe(ctx), e.getMessage());
    ctx.header("Retry-After", Integer.toString(OUTAGE_RETRY_SECONDS));
    send(ctx, 503, "the database is unavailable right now; nothing was read or changed (try again in a few seconds)",
        null);
  }

  // Every 503 says when to come back. A database outage is expected weather: one line; anything
  // else behind a 503 may be a bug and keeps its stack trace.
  private static void logUnavailable(String what, Throwable cause, Context ctx) {
    if (cause != null && StoreException.isOutage(cause)) {
      log.warn("{}: {}: {}", MatchedRoute.describe(ctx), what, rootMessage(cause));
    } else {
      log.error("{}: {}", MatchedRoute.describe(ctx), what, cause);
    }
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    return root.getMessage();
  }

  /** For errors thrown outside any handler's reach (java.lang.Error). */
  static void writeInternalError(HttpServletResponse response, Error error) {
    log.error("request failed with {}", error.toString(), error);
    try {
      response.setStatus(500);
      response.setContentType("application/json");
      response.getOutputStream().write(INTERNAL_ERROR_JSON.getBytes(StandardCharsets.UTF_8));
    } catch (IOException | IllegalStateException e) {
      log.debug("could not write the 500 answer", e);
    }
  }

  // Pages send the reader to sign in; API callers get 401 and decide for themselves.
  private static void unauthenticated(SignInRequired e, Context ctx) {
    if (ctx.path().startsWith("/api/")) {
      send(ctx, 401, e.getMessage(), null);
    } else {
      ctx.redirect(Routes.SIGN_IN_PATH, HttpStatus.SEE_OTHER);
    }
  }

  private static void fromJavalin(HttpResponseException e, Context ctx) {
    int status = e.getStatus();
    if (status == HttpStatus.CONTENT_TOO_LARGE.getCode()) {
      send(
          ctx,
          status,
          "body: too large (want at most " + Server.MAX_REQUEST_BYTES + " bytes)",
          "body");
    } else if (status == HttpStatus.NOT_FOUND.getCode()) {
      send(ctx, status, "not found: " + ctx.path(), null);
    } else if (status == HttpStatus.METHOD_NOT_ALLOWED.getCode()) {
      send(ctx, status, "method not allowed: " + ctx.method() + " " + ctx.path(), null);
    } else if (status >= 500) {
      log.error("{} failed: {}", MatchedRoute.describe(ctx), e.getMessage(), e);
      send(ctx, status, INTERNAL_ERROR, null);
    } else {
      send(ctx, status, e.getMessage(), e.getDetails().get("field"));
    }
  }

  // Javalin's typed parameters (ctx.pathParamAsClass, queryParamAsClass) report per parameter.
  static InvalidInput fromValidation(ValidationException e) {
    Map.Entry<String, List<ValidationError<Object>>> first =
        e.getErrors().entrySet().iterator().next();
    ValidationError<Object> error = first.getValue().get(0);
    String want =
        error.getMessage().equals("TYPE_CONVERSION_FAILED")
            ? "a value of the expected type"
            : error.getMessage();
    return InvalidInput.of(first.getKey(), String.valueOf(error.value), "is not valid", want);
  }

  // Jackson reports where reading stopped; name that field so the caller can fix it.
  static InvalidInput fromJson(JsonProcessingException e) {
    if (e instanceof ValueInstantiationException vie && vie.getCause() instanceof InvalidInput bad) {
      return bad;
    }
    if (e instanceof StreamReadException || !(e instanceof JsonMappingException)) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      return new InvalidInput("body", "body: malformed JSON" + where + ": " + e.getOriginalMessage());
    }
    JsonMappingException mapping = (JsonMappingException) e;
    String field = fieldPath(mapping);
    if (field.isEmpty()) {
      return new InvalidInput("body", "body: " + e.getOriginalMessage());
    }
    if (e instanceof UnrecognizedPropertyException unknown) {
      String known =
          unknown.getKnownPropertyIds() == null
              ? ""
              : unknown.getKnownPropertyIds().stream()
                  .map(String::valueOf)
                  .sorted()
                  .collect(Collectors.joining(", "));
      return new InvalidInput(field, field + ": is not a known field (want one of: " + known + ")");
    }
    if (e instanceof InvalidFormatException format) {
      Class<?> target = format.getTargetType();
      String want =
          target != null && target.isEnum()
              ? "one of: "
                  + Arrays.stream(target.getEnumConstants())
                      .map(String::valueOf)
                      .collect(Collectors.joining(", "))
              : "a " + (target == null ? "valid value" : target.getSimpleName());
      return InvalidInput.of(field, String.valueOf(format.getValue()), "is not valid", want);
    }
    if (e instanceof ValueInstantiationException && e.getCause() != null) {
      return new InvalidInput(field, field + ": " + e.getCause().getMessage());
    }
    return new InvalidInput(field, field + ": " + e.getOriginalMessage());
  }

  private static String fieldPath(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static void send(Context ctx, int status, String message, String field) {
    ctx.status(status);
    if (wantsPage(ctx)) {
      Map<String, Object> model = new LinkedHashMap<>();
      model.put("status", status);
      model.put("message", message);
      model.put("bar", StaffBar.of(ctx));
      ctx.render("error.jte", model);
      return;
    }
    Map<String, String> body = new LinkedHashMap<>();
    body.put("error", message);
    if (field != null) {
      body.put("field", field);
    }
    ctx.json(body);
  }

  // Browsers ask for text/html; API clients and scripts get JSON.
  private static boolean wantsPage(Context ctx) {
    String accept = ctx.header("Accept");
    return accept != null && accept.contains("text/html") && !ctx.path().startsWith("/api/");
  }
}
