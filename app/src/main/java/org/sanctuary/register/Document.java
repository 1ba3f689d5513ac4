package org.sanctuary.register;

import java.util.Arrays;
import java.util.Optional;
import org.sanctuary.policy.Basis;

/**
 * The paper a request rests on, as a clerk reads it off the form. The engine sees only the basis;
 * the document is kept for the log (CPD-31.110 asks which form came in).
 */
public enum Document {
  I_247A("I-247A", Basis.ADMINISTRATIVE_WARRANT),
  I_247D("I-247D", Basis.ADMINISTRATIVE_WARRANT),
  I_200("I-200", Basis.ADMINISTRATIVE_WARRANT),
  I_205("I-205", Basis.ADMINISTRATIVE_WARRANT),
  JUDICIAL_WARRANT("JUDICIAL_WARRANT", Basis.JUDICIAL_WARRANT),
  NONE("NONE", Basis.NONE);

  private final String code;
  private final Basis basis;

  Document(String code, Basis basis) {
    this.code = code;
    this.basis = basis;
  }

  /** The code stored and shown: the form's own name ({@code I-247A}) or {@code JUDICIAL_WARRANT}. */
  public String code() {
    return code;
  }

  /** The basis the form implies: every I- form is administrative, whatever the cover letter says. */
  public Basis basis() {
    return basis;
  }

  public static Optional<Document> ofCode(String code) {
    return Arrays.stream(values()).filter(d -> d.code.equals(code)).findFirst();
  }

  /** The codes, for error messages: {@code I-247A, I-247D, ...}. */
  public static String codes() {
    return String.join(", ", Arrays.stream(values()).map(Document::code).toList());
  }
}
