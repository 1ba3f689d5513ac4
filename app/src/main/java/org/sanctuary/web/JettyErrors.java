package org.sanctuary.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answers Jetty writes before a request reaches our routes: a malformed URI (400), a URI too
 * long (414), headers too large (431). They carry the same security headers as every other answer
 * and the same JSON error shape, in UTF-8, and never a stack trace.
 */
final class JettyErrors extends ErrorHandler {
  private final Tls tls;

  JettyErrors(Tls tls) {
    this.tls = tls;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    SecurityHeaders.common(tls, (name, value) -> response.getHeaders().put(name, value));
    response.getHeaders().put(new HttpField(HttpHeader.CACHE_CONTROL, "no-store"));
    int status = response.getStatus();
    if (status < 400) {
      Object attribute = request.getAttribute(ERROR_STATUS);
      status = attribute instanceof Integer code ? code : 500;
      response.setStatus(status);
    }
    String reason = HttpStatus.getMessage(status);
    String json = "{\"error\":\"" + reason.toLowerCase(java.util.Locale.ROOT).replace("\"", "") + "\"}";
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), callback);
    return true;
  }
}
