package org.sanctuary.incidents;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The words of the reporting pages in one language, from {@code i18n/messages_<lang>.properties}
 * (UTF-8). A key missing from a translation falls back to English, so a page is never blank;
 * a test keeps every translation complete.
 */
public final class Messages {
  /** The languages offered, in menu order. */
  public static final List<String> LANGUAGES = List.of("en", "es", "zh", "pl", "ar", "tl", "ko");
  private static final Set<String> RIGHT_TO_LEFT = Set.of("ar");
  private static final Map<String, Messages> ALL = loadAll();

  private final String language;
  private final Properties texts;
  private final Properties fallback;

  private Messages(String language, Properties texts, Properties fallback) {
    this.language = language;
    this.texts = texts;
    this.fallback = fallback;
  }

  /** The messages of a supported language; English for anything else. */
  public static Messages of(String language) {
    return ALL.getOrDefault(language, ALL.get("en"));
  }

  public static boolean isSupported(String language) {
    return language != null && ALL.containsKey(language);
  }

  /** The raw properties of one language file, for completeness checks. */
  static Properties file(String language) {
    return load(language);
  }

  public String language() {
    return language;
  }

  /** {@code rtl} for right-to-left scripts, else {@code ltr}. */
  public String dir() {
    return RIGHT_TO_LEFT.contains(language) ? "rtl" : "ltr";
  }

  /** The text of a key; the key itself when no file has it, so a gap shows instead of hiding. */
  public String get(String key) {
    String t = texts.getProperty(key);
    if (t == null) t = fallback.getProperty(key);
    return t == null ? key : t;
  }

  /** True when this language's file or the English one has the key. */
  public boolean has(String key) {
    return texts.getProperty(key) != null || fallback.getProperty(key) != null;
  }

  /** The text of a key with {@code {0}}, {@code {1}} ... filled in. */
  public String format(String key, Object... args) {
    return new MessageFormat(get(key).replace("'", "''"), Locale.forLanguageTag(language)).format(args);
  }

  private static Map<String, Messages> loadAll() {
    Properties en = load("en");
    Map<String, Messages> all = new LinkedHashMap<>();
    for (String lang : LANGUAGES) all.put(lang, new Messages(lang, lang.equals("en") ? en : load(lang), en));
    return Map.copyOf(all);
  }

  private static Properties load(String language) {
    String name = "i18n/messages_" + language + ".properties";
    try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("missing resource " + name);
      Properties p = new Properties();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
