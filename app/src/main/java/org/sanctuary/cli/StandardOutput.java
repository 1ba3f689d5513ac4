package org.sanctuary.cli;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Standard output as every command gets it: a writer that encodes text in the platform's charset
 * and flushes at each line. A command that prints millions of lines may ask for the bytes under it
 * instead ({@link #utf8}), skipping the per-line flush and the encoding, when the writer would
 * have produced UTF-8 anyway: the bytes that reach the terminal or file are the same.
 */
final class StandardOutput extends PrintWriter {
  private final PrintStream stream;
  private final boolean utf8;

  StandardOutput(PrintStream stream) {
    super(stream, true);
    this.stream = stream;
    // the charset the writer above picked, found the same way (it depends on the JDK and the locale)
    this.utf8 = Charset.forName(new OutputStreamWriter(stream).getEncoding()).equals(StandardCharsets.UTF_8);
  }

  /** The stream this writer encodes into, if it encodes text as UTF-8. */
  Optional<OutputStream> utf8() {
    return utf8 ? Optional.of(stream) : Optional.empty();
  }

  /**
   * Bytes to {@code out}: straight to the stream under it when that is standard output in UTF-8,
   * else decoded back into text, one write at a time. Every write must hold whole characters.
   */
  static OutputStream bytesTo(PrintWriter out) {
    if (out instanceof StandardOutput std && std.utf8().isPresent()) {
      std.flush(); // anything already printed comes first
      return std.utf8().get();
    }
    return new OutputStream() {
      @Override
      public void write(int b) {
        throw new UnsupportedOperationException("whole characters only");
      }

      @Override
      public void write(byte[] b, int off, int len) {
        out.write(new String(b, off, len, StandardCharsets.UTF_8));
      }

      @Override
      public void flush() {
        out.flush();
      }
    };
  }
}
