package org.sanctuary.config;

import java.util.Optional;
import java.util.regex.Pattern;
import org.postgresql.Driver;

/**
 * A PostgreSQL server to use instead of the embedded database.
 *
 * <p>User and password may sit in the URL ({@code ?user=...&password=...}) or come separately; when
 * both are given the URL wins, as the JDBC driver decides. {@link #toString()} never shows a
 * password.
 *
 * @param url a {@code jdbc:postgresql://} URL
 * @param user the user, or null to take it from the URL
 * @param password the password, or null to take it from the URL
 */
public record DatabaseServer(String url, String user, String password) {
  static final String MASK = "<masked>";
  private static final String WANT = "jdbc:postgresql://HOST[:PORT]/DATABASE";
  private static final Pattern SECRET_PARAM =
      Pattern.compile("(?i)([?&][^=&]*password[^=&]*=)[^&]*");

  public DatabaseServer {
    check("db", url);
  }

  /** A server whose user and password, if any, are in the URL. */
  public static DatabaseServer of(String url) {
    return new DatabaseServer(url, null, null);
  }

  /** As above, from a setting named {@code field} (an error names it rather than {@code db}). */
  public static DatabaseServer of(String field, String url) {
    check(field, url);
    return new DatabaseServer(url, null, null);
  }

  /**
   * Checks a JDBC URL, naming {@code field} (the option or environment variable it came from) when
   * it is unusable.
   */
  static void check(String field, String url) {
    if (url == null || url.isBlank()) {
      throw new ConfigException(field, url, "is empty", WANT);
    }
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new ConfigException(field, mask(url), "is not a PostgreSQL JDBC URL", WANT);
    }
    if (Driver.parseURL(url, null) == null) {
      throw new ConfigException(field, mask(url), "is not a valid PostgreSQL JDBC URL", WANT);
    }
  }

  public Optional<String> userName() {
    return Optional.ofNullable(user);
  }

  public Optional<String> passwordValue() {
    return Optional.ofNullable(password);
  }

  /** The URL with every password-like parameter replaced by a mask, safe to print. */
  public String maskedUrl() {
    return mask(url);
  }

  static String mask(String url) {
    return url == null ? null : SECRET_PARAM.matcher(url).replaceAll("$1" + MASK);
  }

  @Override
  public String toString() {
    return maskedUrl()
        + (user == null ? "" : " user=" + user)
        + (password == null ? "" : " password=" + MASK);
  }
}
