package org.sanctuary.metrics;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import org.sanctuary.config.ConfigException;
import org.sanctuary.config.KeyFiles;
import org.sanctuary.errors.CredentialRejected;
import org.sanctuary.errors.NotFound;
import org.sanctuary.errors.NotPermitted;

/**
 * Who may read {@code /metrics}. By default ({@code local}) only this machine: a request from a
 * loopback address that is not a proxy's, so none at all behind a TLS proxy or from a trusted proxy,
 * whose connections carry other readers' requests. With a token ({@code --metrics-token-file} or
 * {@value #ENV_TOKEN_FILE}): a request from anywhere that presents it as {@code Authorization:
 * Bearer TOKEN}, and no other. {@code off}: no one. Request headers such as {@code
 * X-Forwarded-For} are never believed.
 *
 * @param mode local, token or off
 * @param token the token a reader must present, for {@link Mode#TOKEN}; null otherwise
 */
public record MetricsAccess(Mode mode, String token) {
  public static final String ENV = "SANCTUARY_METRICS";
  public static final String ENV_TOKEN_FILE = "SANCTUARY_METRICS_TOKEN_FILE";
  /** A token shorter than this is too easy to guess. */
  static final int MIN_TOKEN = 24;

  public static final MetricsAccess LOCAL = new MetricsAccess(Mode.LOCAL, null);
  public static final MetricsAccess OFF = new MetricsAccess(Mode.OFF, null);

  /** Who may read: this machine, holders of the token, or no one. */
  public enum Mode { LOCAL, TOKEN, OFF }

  public MetricsAccess {
    if ((mode == Mode.TOKEN) != (token != null)) {
      throw new IllegalArgumentException("a token, with the token mode and only with it");
    }
  }

  /** Access by a token: a reader must present {@code token}. */
  public static MetricsAccess withToken(String token) {
    return new MetricsAccess(Mode.TOKEN, token);
  }

  /**
   * From the command line ({@code --metrics local|off}, {@code --metrics-token-file FILE}; null when
   * not given), else the environment, else {@code local}.
   *
   * @throws ConfigException naming the option or variable with a value that cannot be used
   */
  public static MetricsAccess resolve(String modeOption, String tokenFileOption, Map<String, String> env) {
    String modeField = modeOption == null ? ENV : "metrics";
    String mode = modeOption == null ? env.get(ENV) : modeOption;
    if (mode != null && !mode.isBlank()) {
      switch (mode.strip().toLowerCase(Locale.ROOT)) {
        case "off" -> {
          return OFF;
        }
        case "local" -> { }
        default -> throw new ConfigException(modeField, mode, "is not a metrics setting", "local or off");
      }
    }
    String fileField = tokenFileOption == null ? ENV_TOKEN_FILE : "metrics-token-file";
    String file = tokenFileOption == null ? env.get(ENV_TOKEN_FILE) : tokenFileOption;
    if (file == null || file.isBlank()) {
      return LOCAL;
    }
    Path path = Path.of(file).toAbsolutePath().normalize();
    String token = new String(KeyFiles.read(path, fileField), StandardCharsets.UTF_8).strip();
    if (token.length() < MIN_TOKEN || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new ConfigException(fileField, path.toString(), "does not hold a usable token",
          "one line of at least " + MIN_TOKEN + " printable characters without spaces, e.g. from"
              + " openssl rand -hex 32");
    }
    return withToken(token);
  }

  /**
   * Lets the request through, or refuses it: 404 when off, 401 without the right token, 403 from
   * another machine (or through a proxy) in local mode.
   *
   * @param from the address the connection came from
   * @param authorization the request's {@code Authorization} header, or null
   * @param throughProxy whether the connection is a proxy's (a TLS-terminating proxy, or one of the
   *     trusted proxies), carrying someone else's request
   */
  public void check(InetAddress from, String authorization, boolean throughProxy) {
    switch (mode) {
      case OFF -> throw new NotFound("not found: /metrics (metrics are switched off)");
      case TOKEN -> {
        if (!presents(authorization)) {
          throw new CredentialRejected("Authorization: want \"Bearer\" and the metrics token");
        }
      }
      case LOCAL -> {
        if (throughProxy) {
          throw new NotPermitted("metrics: through a proxy every reader comes from the proxy's address, so"
              + " none is taken for this machine (give the server a --metrics-token-file)");
        }
        if (from == null || !from.isLoopbackAddress()) {
          throw new NotPermitted("metrics: only this machine may read them (or give the server a"
              + " --metrics-token-file)");
        }
      }
      default -> throw new IllegalStateException("unknown mode " + mode);
    }
  }

  // compared in constant time, so the answer's timing tells nothing of the token
  private boolean presents(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, token.getBytes(StandardCharsets.UTF_8));
  }

  /** For the start-up log: the setting, never the token. */
  public String describe() {
    return switch (mode) {
      case LOCAL -> "local (this machine only)";
      case TOKEN -> "token (a bearer token from anywhere)";
      case OFF -> "off";
    };
  }

  @Override
  public String toString() {
    return "MetricsAccess[" + describe() + "]";
  }
}
