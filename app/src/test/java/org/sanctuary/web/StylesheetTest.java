package org.sanctuary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.htmlunit.cssparser.parser.CSSErrorHandler;
import org.htmlunit.cssparser.parser.CSSOMParser;
import org.htmlunit.cssparser.parser.CSSParseException;
import org.htmlunit.cssparser.parser.InputSource;
import org.htmlunit.cssparser.parser.javacc.CSS3Parser;
import org.junit.jupiter.api.Test;

/**
 * Every stylesheet the server hands out parses without a single error or warning. A browser skips
 * what it cannot parse without a word: one unclosed block once swallowed every rule after it (the
 * language menu became a bulleted list, field errors lost their colour), and nothing failed.
 */
class StylesheetTest {
  private static final Path PUBLIC = Path.of("src", "main", "resources", "public");

  @Test
  void everyStylesheetUnderPublic_parsesWithoutAProblem() throws IOException {
    List<Path> sheets;
    try (Stream<Path> files = Files.walk(PUBLIC)) {
      sheets = files.filter(p -> p.toString().endsWith(".css")).sorted().toList();
    }
    assertThat(sheets).as("stylesheets under %s", PUBLIC).isNotEmpty();
    for (Path sheet : sheets) {
      try (Reader in = Files.newBufferedReader(sheet, StandardCharsets.UTF_8)) {
        assertThat(problems(in, sheet.toString())).as("problems in %s", sheet).isEmpty();
      }
    }
  }

  @Test
  void anUnclosedBlock_isAProblem() {
    String css = "pre.note {\n  white-space: pre-wrap;\n\n.languages ul {\n  display: flex;\n}\n";
    assertThat(problems(new StringReader(css), "broken.css")).isNotEmpty();
  }

  @Test
  void unknownSyntax_isAProblem() {
    assertThat(problems(new StringReader(".a { color: red; }\n.b { color red }\n"), "broken.css")).isNotEmpty();
    assertThat(problems(new StringReader(".a { color: red; }}\n.b { color: blue; }\n"), "broken.css")).isNotEmpty();
  }

  @Test
  void theRulesThePagesUse_areNoProblem() {
    String css = ":root { --accent: #0b5394; }\n"
        + ".a:focus-visible { outline: 3px solid var(--accent); margin-inline: auto; }\n"
        + "button[type=\"submit\"]:not(.link-button) { padding-block: 0.5rem; }\n"
        + "@media (min-width: 40rem) { .b { display: grid; grid-template-columns: minmax(0, 1fr) 2fr; } }\n"
        + "@media print { .c { display: none; } }\n";
    assertThat(problems(new StringReader(css), "fine.css")).isEmpty();
  }

  /** Each warning, error and fatal error the parser reports, with its line and column. */
  static List<String> problems(Reader css, String name) {
    List<String> found = new ArrayList<>();
    CSSOMParser parser = new CSSOMParser(new CSS3Parser());
    parser.setErrorHandler(new CSSErrorHandler() {
      @Override
      public void warning(CSSParseException e) {
        found.add(describe("warning", e));
      }

      @Override
      public void error(CSSParseException e) {
        found.add(describe("error", e));
      }

      @Override
      public void fatalError(CSSParseException e) {
        found.add(describe("fatal error", e));
      }

      private String describe(String kind, CSSParseException e) {
        return name + ":" + e.getLineNumber() + ":" + e.getColumnNumber() + ": " + kind + ": " + e.getMessage();
      }
    });
    try {
      parser.parseStyleSheet(new InputSource(css), null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }
}
