package org.sanctuary.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.sanctuary.policy.InputException;

/**
 * The text of {@code decide}'s FILE (or standard input), read as it comes rather than whole. A file
 * must be UTF-8 (a bad byte is a refusal); standard input has bad bytes replaced, as it always had.
 * An input that cannot be read outranks every other problem with it, as when the command read the
 * whole file before looking at it: {@link #drain} reads the rest to find out before another
 * refusal is reported.
 */
final class RequestInput implements AutoCloseable {
  private final String name;
  private final Reader reader;

  private RequestInput(String name, Reader reader) {
    this.name = name;
    this.reader = reader;
  }

  static RequestInput open(String file) {
    if (file.equals("-")) {
      InputStream stdin = new FilterInputStream(System.in) {
        @Override
        public void close() {
          // standard input stays open for the rest of the process
        }
      };
      return new RequestInput(file, new InputStreamReader(stdin, StandardCharsets.UTF_8));
    }
    try {
      InputStream in = Files.newInputStream(Path.of(file));
      return new RequestInput(file, new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()));
    } catch (NoSuchFileException e) {
      throw new InputException("FILE", "FILE: no such file: " + file);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  Reader reader() {
    return reader;
  }

  /** The refusal for an input that could not be read. */
  InputException unreadable(IOException e) {
    if (e instanceof CharacterCodingException && !name.equals("-")) {
      // not UTF-8. The words of the refusal come from the JDK, and its whole-file decoder counts the
      // bad bytes differently from its stream decoder: read the file whole once more, as the command
      // always did, so the refusal says what it always said
      try {
        Files.readString(Path.of(name), StandardCharsets.UTF_8);
      } catch (IOException whole) {
        return unreadable(name, whole);
      }
    }
    return unreadable(name, e);
  }

  private static InputException unreadable(String file, IOException e) {
    return new InputException("FILE", "FILE: cannot read " + file + ": " + e.getMessage());
  }

  /** Reads the rest of the input; refuses it if it cannot be read. */
  void drain() {
    char[] scratch = new char[1 << 13];
    try {
      while (reader.read(scratch) >= 0) {
        // only whether it reads to the end matters
      }
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      // nothing was written from a half-read input; closing cannot change the outcome
    }
  }
}
